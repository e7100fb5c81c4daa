import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { sessionQueryOptions } from "../../../lib/session.ts";

export const confirmTotp = (code: string) => callApi(api.auth.totp.confirm.$post({ json: { code } }));

/** Turns two-factor sign-in on with the first code; the BFF renews the session cookie. */
export const useConfirmTotp = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey }),
  });
};
