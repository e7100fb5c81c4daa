import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { staffAccountsQueryOptions } from "./get-staff-accounts.ts";

export const resetStaffTotp = (id: string) => callApi(api.accounts[":id"]["reset-totp"].$post({ param: { id } }));

/** Clears a lost second factor; the person signs in with the password and enrols again. */
export const useResetStaffTotp = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetStaffTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffAccountsQueryOptions().queryKey }),
  });
};
