import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { StaffSignInInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { sessionQueryOptions } from "../../../lib/session.ts";

export const signIn = (input: StaffSignInInput) => callApi(api.auth["sign-in"].$post({ json: input }));

export const useSignIn = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey }),
  });
};
