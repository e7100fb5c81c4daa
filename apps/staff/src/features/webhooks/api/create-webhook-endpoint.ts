import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { connectedSystemsQueryOptions } from "./get-connected-systems.ts";
import { webhookEndpointsQueryOptions } from "./get-webhook-endpoints.ts";

export type CreateWebhookEndpointInput = InferRequestType<typeof api.webhooks.$post>["json"];

export const createWebhookEndpoint = (input: CreateWebhookEndpointInput) =>
  callApi(api.webhooks.$post({ json: input }));

/** A new endpoint (and maybe a new system): the answer carries its secret, the only time it is ever shown. */
export const useCreateWebhookEndpoint = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhookEndpoint,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: connectedSystemsQueryOptions().queryKey }),
      ]),
  });
};
