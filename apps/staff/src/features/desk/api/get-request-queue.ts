import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { deskQueries } from "../../../lib/query-roots.ts";

export type QueueQuery = InferRequestType<typeof api.requests.$get>["query"];

export const getRequestQueue = (query: QueueQuery) => callApi(api.requests.$get({ query }));

/** Every view of the queue, whatever its filters: what a change to any request invalidates. */
export const requestQueueQueries = [...deskQueries, "queue"] as const;

/** Each load is an audited read, so the queue is fetched when the filters change, not in the background. */
export const requestQueueQueryOptions = (query: QueueQuery) =>
  queryOptions({ queryKey: [...requestQueueQueries, query], queryFn: () => getRequestQueue(query), staleTime: 30_000 });

export const useRequestQueue = (query: QueueQuery) =>
  useQuery({ ...requestQueueQueryOptions(query), placeholderData: keepPreviousData });
