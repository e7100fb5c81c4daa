import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** The registered systems, for the form's "existing system" choice (the systems page's list, by the same key). */
export const getConnectedSystems = () => callApi(api.systems.$get());

export const connectedSystemsQueryOptions = () =>
  queryOptions({ queryKey: ["systems"], queryFn: getConnectedSystems, staleTime: 30_000 });

export const useConnectedSystems = () => useQuery(connectedSystemsQueryOptions());
