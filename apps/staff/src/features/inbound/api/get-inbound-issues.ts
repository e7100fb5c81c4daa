import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** A page of unresolved incoming data, newest first (audited by the BFF as a read of the customers shown). */
export const getInboundIssues = (before: number | null) =>
  callApi(api["inbound-issues"].$get({ query: before === null ? {} : { before: String(before) } }));

export type InboundIssue = Awaited<ReturnType<typeof getInboundIssues>>["issues"][number];

export const inboundIssuesQueryOptions = (before: number | null) =>
  queryOptions({
    queryKey: ["inbound-issues", before],
    queryFn: () => getInboundIssues(before),
    staleTime: 0,
    gcTime: 0,
    placeholderData: keepPreviousData,
  });

export const useInboundIssues = (before: number | null) => useQuery(inboundIssuesQueryOptions(before));
