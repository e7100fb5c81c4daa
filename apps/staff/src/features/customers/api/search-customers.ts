import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

export const searchCustomers = (q: string) => callApi(api.customers.$get({ query: { q } }));

export const searchCustomersQueryOptions = (q: string) =>
  queryOptions({ queryKey: ["customers", "search", q], queryFn: () => searchCustomers(q), staleTime: 30_000 });

/** Searches only once the query is long enough to be accepted. */
export const useSearchCustomers = (q: string) =>
  useQuery({ ...searchCustomersQueryOptions(q), enabled: q.trim().length >= 2, placeholderData: keepPreviousData });
