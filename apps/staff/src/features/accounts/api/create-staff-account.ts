import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { staffAccountsQueryOptions } from "./get-staff-accounts.ts";

export type CreateStaffInput = InferRequestType<typeof api.accounts.$post>["json"];

export const createStaffAccount = (input: CreateStaffInput) => callApi(api.accounts.$post({ json: input }));

export const useCreateStaffAccount = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStaffAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffAccountsQueryOptions().queryKey }),
  });
};
