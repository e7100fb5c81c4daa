import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { deskQueries, uncached } from "../../../lib/query-roots.ts";

export const getDeskRequest = (id: string) => callApi(api.requests[":id"].$get({ param: { id } }));

export type DeskRequest = Awaited<ReturnType<typeof getDeskRequest>>;

/** Not cached between visits: each opening shows the customer's data and is a read the BFF audits. */
export const deskRequestQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...deskQueries, "request", id], queryFn: () => getDeskRequest(id), ...uncached });

export const useDeskRequest = (id: string) => useQuery(deskRequestQueryOptions(id));
