import { useMutation } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

export const resetStaffPassword = ({ id, password }: { id: string; password: string }) =>
  callApi(api.accounts[":id"]["reset-password"].$post({ param: { id }, json: { password } }));

/** Sets a new password; every session of that person ends. */
export const useResetStaffPassword = () => useMutation({ mutationFn: resetStaffPassword });
