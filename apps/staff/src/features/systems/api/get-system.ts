import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { systemsQueryOptions } from "./get-systems.ts";

/** One system and its API clients (never a secret). */
export const getSystem = (id: string) => callApi(api.systems[":id"].$get({ param: { id } }));

export const systemQueryOptions = (id: string) =>
  queryOptions({
    // Under the list's key: a change to any system refreshes the list and every open system page.
    queryKey: [...systemsQueryOptions().queryKey, id],
    queryFn: () => getSystem(id),
    staleTime: 30_000,
  });

export const useSystem = (id: string) => useQuery(systemQueryOptions(id));

export type SystemDetail = Awaited<ReturnType<typeof getSystem>>;
export type ApiClient = SystemDetail["clients"][number];
