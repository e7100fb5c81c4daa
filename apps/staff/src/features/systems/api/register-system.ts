import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { systemsQueryOptions } from "./get-systems.ts";

export type RegisterSystemInput = InferRequestType<typeof api.systems.$post>["json"];

export const registerSystem = (input: RegisterSystemInput) => callApi(api.systems.$post({ json: input }));

export const useRegisterSystem = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerSystem,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsQueryOptions().queryKey }),
  });
};
