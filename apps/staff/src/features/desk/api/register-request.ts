import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { requestQueueQueries } from "./get-request-queue.ts";

export type RegisterRequestInput = InferRequestType<typeof api.requests.$post>["json"];

/** Records a request that came by letter or e-mail; its deadline runs from the day it was received. */
export const registerRequest = (input: RegisterRequestInput) => callApi(api.requests.$post({ json: input }));

export const useRegisterRequest = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerRequest,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestQueueQueries }),
  });
};
