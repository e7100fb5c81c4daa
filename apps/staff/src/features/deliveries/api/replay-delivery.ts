import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { deliveriesQueries } from "./get-deliveries.ts";

/** A delivered row goes again with the same id (409 delivery_not_replayable for a mail that cannot be rebuilt). */
export const replayDelivery = (id: string) => callApi(api.deliveries[":id"].replay.$post({ param: { id } }));

export const useReplayDelivery = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replayDelivery,
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveriesQueries }),
  });
};
