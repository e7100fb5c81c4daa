import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { deliveriesQueries } from "./get-deliveries.ts";

/** A failing or dead row goes again now (409 invalid_state / delivery_not_replayable otherwise). */
export const retryDelivery = (id: string) => callApi(api.deliveries[":id"].retry.$post({ param: { id } }));

export const useRetryDelivery = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryDelivery,
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveriesQueries }),
  });
};
