import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** The trail's filters as they stand in the URL; an empty value means no filter. */
export type AuditFilters = { actorId: string; action: string; customerId: string; from: string; to: string };

const PAGE_SIZE = 50;

export const getAuditEntries = (filters: AuditFilters, before: number | null) =>
  callApi(
    api.audit.$get({
      query: { ...filters, limit: String(PAGE_SIZE), ...(before === null ? {} : { before: String(before) }) },
    }),
  );

/** Newest first, a page at a time; each page is a read that the BFF audits, so nothing is kept between visits. */
export const auditEntriesQueryOptions = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ["audit", filters],
    queryFn: ({ pageParam }) => getAuditEntries(filters, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });

export const useAuditEntries = (filters: AuditFilters) => useInfiniteQuery(auditEntriesQueryOptions(filters));

export type AuditEntry = Awaited<ReturnType<typeof getAuditEntries>>["entries"][number];
