import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { staffAccountsQueryOptions } from "./get-staff-accounts.ts";

export type UpdateStaffInput = InferRequestType<(typeof api.accounts)[":id"]["$patch"]>["json"];

export const updateStaffAccount = ({ id, input }: { id: string; input: UpdateStaffInput }) =>
  callApi(api.accounts[":id"].$patch({ param: { id }, json: input }));

/** Display name, role, confidentiality date, disabled: the BFF ends the person's sessions where needed. */
export const useUpdateStaffAccount = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateStaffAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffAccountsQueryOptions().queryKey }),
  });
};
