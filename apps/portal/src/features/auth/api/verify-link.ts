import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { VerifyLinkInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { sessionQueryOptions } from "../../../lib/session.ts";

export const verifyLink = (input: VerifyLinkInput) => callApi(api.auth["verify-link"].$post({ json: input }));

export const useVerifyLink = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyLink,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey }),
  });
};
