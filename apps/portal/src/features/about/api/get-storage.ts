import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** This installation's session cookie name and lifetimes, for the About page's statement of what the portal stores. */
export const getStorage = () => callApi(api.about.storage.$get());

export const storageQueryOptions = () =>
  queryOptions({ queryKey: ["about", "storage"], queryFn: getStorage, staleTime: Number.POSITIVE_INFINITY });

export const useStorage = () => useQuery(storageQueryOptions());
