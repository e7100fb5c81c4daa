import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { sessionQueryOptions } from "../../../lib/session.ts";

export type ChangeOwnPasswordInput = InferRequestType<typeof api.auth.password.$post>["json"];

export const changeOwnPassword = (input: ChangeOwnPasswordInput) => callApi(api.auth.password.$post({ json: input }));

/**
 * The signed-in person's own password: the BFF ends their other sessions and renews this one's cookie, which is
 * then no longer limited to the change (the session is read again).
 */
export const useChangeOwnPassword = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeOwnPassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey }),
  });
};
