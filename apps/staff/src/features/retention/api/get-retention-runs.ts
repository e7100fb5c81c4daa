import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** The last retention runs (scheduled, by hand, from the command line) with their counts; no customer is named. */
export const getRetentionRuns = () => callApi(api.retention.runs.$get());

export type RetentionRunSummary = Awaited<ReturnType<typeof getRetentionRuns>>["runs"][number];

export const retentionRunsQueryOptions = () =>
  queryOptions({ queryKey: ["retention", "runs"], queryFn: getRetentionRuns, staleTime: 0 });

export const useRetentionRuns = () => useQuery(retentionRunsQueryOptions());
