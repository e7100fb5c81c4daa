import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { webhookEndpointsQueryOptions } from "./get-webhook-endpoints.ts";

export const rotateWebhookSecret = (id: string) =>
  callApi(api.webhooks[":id"]["rotate-secret"].$post({ param: { id } }));

/** A new signing secret: the old one stops signing at once; the answer carries the new one, shown once. */
export const useRotateWebhookSecret = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateWebhookSecret,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryOptions().queryKey }),
  });
};
