import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { VerifyCodeInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { sessionQueryOptions } from "../../../lib/session.ts";

export const verifyCode = (input: VerifyCodeInput) => callApi(api.auth["verify-code"].$post({ json: input }));

export const useVerifyCode = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyCode,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey }),
  });
};
