import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { deskQueries } from "../../../lib/query-roots.ts";

/** The customer search (GET /api/staff/customers?q=), for choosing whose letter is being registered. */
export const findCustomers = (q: string) => callApi(api.customers.$get({ query: { q } }));

export const findCustomersQueryOptions = (q: string) =>
  queryOptions({ queryKey: [...deskQueries, "find-customers", q], queryFn: () => findCustomers(q), staleTime: 30_000 });

/** Searches only once the query is long enough to be accepted. */
export const useFindCustomers = (q: string) =>
  useQuery({ ...findCustomersQueryOptions(q), enabled: q.trim().length >= 2 });
