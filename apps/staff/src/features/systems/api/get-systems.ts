import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** The connected systems, by name, with their notice party, client counts and last use. */
export const getSystems = () => callApi(api.systems.$get());

export const systemsQueryOptions = () =>
  queryOptions({ queryKey: ["systems"], queryFn: getSystems, staleTime: 30_000 });

export const useSystems = () => useQuery(systemsQueryOptions());

export type ConnectedSystem = Awaited<ReturnType<typeof getSystems>>["systems"][number];
