import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { invalidateRequest } from "../utils/invalidate-request.ts";

/** Adds a staff-only note; it is never shown to the customer. */
export const addRequestNote = ({ id, note }: { id: string; note: string }) =>
  callApi(api.requests[":id"].notes.$post({ param: { id }, json: { note } }));

export const useAddRequestNote = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => addRequestNote({ id, note }),
    onSuccess: () => invalidateRequest(queryClient, id),
  });
};
