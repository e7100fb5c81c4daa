import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

export const signOutEverywhere = () => callApi(api.auth["sign-out-everywhere"].$post());

/** Ends every session of the signed-in person, this one too; the page forgets every cached answer. */
export const useSignOutEverywhere = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: signOutEverywhere, onSuccess: () => queryClient.clear() });
};
