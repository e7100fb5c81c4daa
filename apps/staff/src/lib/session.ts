import { queryOptions, useQuery } from "@tanstack/react-query";
import { ApiError, callApi } from "@tietoni/ui";
import { api } from "./api-client.ts";

/** The signed-in staff member, or null when there is no valid session (401 is an answer, not an error here). */
export const getSession = () =>
  callApi(api.auth.session.$get()).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  });

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: ["session"], queryFn: getSession, staleTime: 60_000 });

export const useSession = () => useQuery(sessionQueryOptions());
