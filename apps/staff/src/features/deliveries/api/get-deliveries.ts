import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { uncached } from "../../../lib/query-roots.ts";

export type DeliveryLogQuery = InferRequestType<typeof api.deliveries.$get>["query"];

/** One page of the outbox's delivery log, with the counts per status (an audited read). */
export const getDeliveries = (query: DeliveryLogQuery) => callApi(api.deliveries.$get({ query }));

export const deliveriesQueries = ["deliveries"] as const;

export const deliveriesQueryOptions = (query: DeliveryLogQuery) =>
  queryOptions({ queryKey: [...deliveriesQueries, query], queryFn: () => getDeliveries(query), ...uncached });

export const useDeliveries = (query: DeliveryLogQuery) =>
  useQuery({ ...deliveriesQueryOptions(query), placeholderData: keepPreviousData });

export type DeliveryLog = Awaited<ReturnType<typeof getDeliveries>>;
export type Delivery = DeliveryLog["deliveries"][number];
