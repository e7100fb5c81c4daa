import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { sessionsQueryOptions } from "./get-sessions.ts";

/** Ends every session of the customer but the one in use; answers how many were ended. */
export const signOutOthers = () => callApi(api.sessions["sign-out-others"].$post());

export const useSignOutOthers = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOutOthers,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQueryOptions().queryKey }),
  });
};
