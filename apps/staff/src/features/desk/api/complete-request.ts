import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { invalidateRequest } from "../utils/invalidate-request.ts";

/** Marks an access, objection or other request as completed, with the answer the customer sees. */
export const completeRequest = ({ id, note }: { id: string; note: string }) =>
  callApi(api.requests[":id"].complete.$post({ param: { id }, json: { note } }));

export const useCompleteRequest = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => completeRequest({ id, note }),
    onSuccess: () => invalidateRequest(queryClient, id),
  });
};
