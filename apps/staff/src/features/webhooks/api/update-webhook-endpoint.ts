import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { webhookEndpointsQueryOptions } from "./get-webhook-endpoints.ts";

export type UpdateWebhookEndpointInput = InferRequestType<(typeof api.webhooks)[":id"]["$patch"]>["json"];

export const updateWebhookEndpoint = ({ id, input }: { id: string; input: UpdateWebhookEndpointInput }) =>
  callApi(api.webhooks[":id"].$patch({ param: { id }, json: input }));

/** Changes an endpoint; here, disables or enables it. */
export const useUpdateWebhookEndpoint = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWebhookEndpoint,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryOptions().queryKey }),
  });
};
