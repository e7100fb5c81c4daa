import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { systemsQueryOptions } from "./get-systems.ts";

export const revokeApiClient = ({ systemId, clientId }: { systemId: string; clientId: string }) =>
  callApi(api.systems[":id"].clients[":clientId"].revoke.$post({ param: { id: systemId, clientId } }));

/** Revokes a client for good. */
export const useRevokeApiClient = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiClient,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsQueryOptions().queryKey }),
  });
};
