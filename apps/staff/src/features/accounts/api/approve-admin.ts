import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { staffAccountsQueryOptions } from "./get-staff-accounts.ts";

export const approveAdmin = (id: string) => callApi(api.accounts[":id"]["approve-admin"].$post({ param: { id } }));

/** A second admin lets a waiting administrator in (issue 14 D); never the one who made them admin. */
export const useApproveAdmin = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveAdmin,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffAccountsQueryOptions().queryKey }),
  });
};
