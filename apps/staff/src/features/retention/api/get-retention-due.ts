import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** The dry run: customers whose retention has run out, and those a ground still blocks. Audited by the BFF. */
export const getRetentionDue = () => callApi(api.retention.due.$get());

export const retentionDueQueryOptions = () =>
  queryOptions({ queryKey: ["retention", "due"], queryFn: getRetentionDue, staleTime: 0, gcTime: 0 });

export const useRetentionDue = () => useQuery(retentionDueQueryOptions());
