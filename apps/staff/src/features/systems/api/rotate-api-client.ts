import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { systemsQueryOptions } from "./get-systems.ts";

export const rotateApiClient = ({ systemId, clientId }: { systemId: string; clientId: string }) =>
  callApi(api.systems[":id"].clients[":clientId"].rotate.$post({ param: { id: systemId, clientId } }));

/** A new secret: the old token stops working at once; the answer carries the new one, shown once. */
export const useRotateApiClient = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateApiClient,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsQueryOptions().queryKey }),
  });
};
