import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** The customer's requests, newest first, and the restriction in force on their record, if any. */
export const getRequests = () => callApi(api.requests.$get());

export const requestsQueryOptions = () => queryOptions({ queryKey: ["requests"], queryFn: getRequests });

export const useRequests = () => useQuery(requestsQueryOptions());
