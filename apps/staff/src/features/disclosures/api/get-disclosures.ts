import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { customerRecordKey, uncached } from "../../../lib/query-roots.ts";

/**
 * The customer's disclosure log and the systems a disclosure can be recorded to. The BFF audits the read, so it is
 * fetched on each visit and never kept in the cache.
 */
export const getDisclosures = (id: string) => callApi(api.customers[":id"].disclosures.$get({ param: { id } }));

export const disclosuresQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...customerRecordKey(id), "disclosures"], queryFn: () => getDisclosures(id), ...uncached });

export const useDisclosures = (id: string) => useQuery(disclosuresQueryOptions(id));

export type DisclosureSystems = Awaited<ReturnType<typeof getDisclosures>>["systems"];
