import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { sessionQueryOptions } from "../../../lib/session.ts";

/** Puts the old address back with the link's `id.secret`; every session of the customer ends. */
export const undoEmailChange = (input: { token: string }) => callApi(api["email-change"].undo.$post({ json: input }));

export const useUndoEmailChange = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: undoEmailChange,
    // A session this browser had has ended with all the others.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey }),
  });
};
