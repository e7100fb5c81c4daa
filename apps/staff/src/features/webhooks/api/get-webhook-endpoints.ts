import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Every webhook endpoint with its system's name and delivery counts (never a secret). */
export const getWebhookEndpoints = () => callApi(api.webhooks.$get());

export const webhookEndpointsQueryOptions = () =>
  queryOptions({ queryKey: ["webhooks"], queryFn: getWebhookEndpoints, staleTime: 30_000 });

export const useWebhookEndpoints = () => useQuery(webhookEndpointsQueryOptions());

export type WebhookEndpoint = Awaited<ReturnType<typeof getWebhookEndpoints>>["endpoints"][number];
