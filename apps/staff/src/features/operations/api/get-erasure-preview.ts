import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { operationsQueries, uncached } from "../../../lib/query-roots.ts";

/** What blocks the erasure now, which categories it would remove and what is kept (the BFF audits it). */
export const getErasurePreview = (requestId: string) =>
  callApi(api.operations.erasure[":requestId"].preview.$get({ param: { requestId } }));

export const erasurePreviewQueryOptions = (requestId: string) =>
  queryOptions({
    queryKey: [...operationsQueries, "erasure", requestId],
    queryFn: () => getErasurePreview(requestId),
    ...uncached,
  });

export const useErasurePreview = (requestId: string, enabled: boolean) =>
  useQuery({ ...erasurePreviewQueryOptions(requestId), enabled });
