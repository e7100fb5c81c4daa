import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi, nullWhenSignedOut } from "@tietoni/ui";
import { api } from "./api-client.ts";

/** The signed-in staff member, or null when there is no valid session. */
export const getSession = () => nullWhenSignedOut(callApi(api.auth.session.$get()));

/** Read by the shell and by features (two-factor enrolment refreshes it), so it lives outside any one feature. */
export const sessionQueryOptions = () =>
  queryOptions({ queryKey: ["session"], queryFn: getSession, staleTime: 60_000 });

export const useSession = () => useQuery(sessionQueryOptions());
