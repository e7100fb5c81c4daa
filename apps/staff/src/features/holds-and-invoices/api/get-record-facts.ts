import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { customerRecordKey, uncached } from "../../../lib/query-roots.ts";

/**
 * The customer's record with its record-keeping facts (holds, roles, invoice states, objections, with their ids).
 * The same request and key as the customer page's own read, so the page and these panels share one audited read.
 */
export const getRecordFacts = (id: string) => callApi(api.customers[":id"].$get({ param: { id } }));

export const recordFactsQueryOptions = (id: string) =>
  queryOptions({ queryKey: customerRecordKey(id), queryFn: () => getRecordFacts(id), ...uncached });

export const useRecordFacts = (id: string) => useQuery(recordFactsQueryOptions(id));

export type RecordFacts = Awaited<ReturnType<typeof getRecordFacts>>["recordKeeping"];
