import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { operationsQueries, uncached } from "../../../lib/query-roots.ts";

/** Which operation a request calls for (its type and state) and the restriction it put in place, if any. */
export const getOperationRequest = (requestId: string) =>
  callApi(api.operations.requests[":requestId"].$get({ param: { requestId } }));

/** Not cached between visits: the BFF audits the read. */
export const operationRequestQueryOptions = (requestId: string) =>
  queryOptions({
    queryKey: [...operationsQueries, "request", requestId],
    queryFn: () => getOperationRequest(requestId),
    ...uncached,
    // Issue 13: a lift notice just queued is usually delivered within a second; read again until it has left, so the
    // lift button opens (or the told-otherwise form shows) without a reload. Only while it is on its way.
    refetchInterval: (query) => (query.state.data?.restriction?.liftNotice.delivery === "pending" ? 2_000 : false),
  });

export const useOperationRequest = (requestId: string) => useQuery(operationRequestQueryOptions(requestId));
