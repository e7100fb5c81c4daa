import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** The customer's active sessions (the current one marked) and their latest sign-ins. */
export const getSessions = () => callApi(api.sessions.$get());

export type SessionsView = Awaited<ReturnType<typeof getSessions>>;

export const sessionsQueryOptions = () => queryOptions({ queryKey: ["sessions"], queryFn: getSessions });

export const useSessions = () => useQuery(sessionsQueryOptions());
