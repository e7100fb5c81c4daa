import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { sessionsQueryOptions } from "./get-sessions.ts";

/** Ends one of the customer's other sessions; that browser is signed out at its next request. */
export const endSession = (id: string) => callApi(api.sessions[":id"].$delete({ param: { id } }));

export const useEndSession = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQueryOptions().queryKey }),
  });
};
