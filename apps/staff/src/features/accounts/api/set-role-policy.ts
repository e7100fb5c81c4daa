import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { StaffRoleName } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { rolePoliciesQueryOptions } from "./get-role-policies.ts";

export type RolePolicyInput = InferRequestType<(typeof api)["role-policies"][":role"]["$put"]>["json"];

export const setRolePolicy = ({ role, input }: { role: StaffRoleName; input: RolePolicyInput }) =>
  callApi(api["role-policies"][":role"].$put({ param: { role }, json: input }));

/** Switches the second factor on or off for a role (off only with a reason, which the audit trail keeps). */
export const useSetRolePolicy = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setRolePolicy,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolePoliciesQueryOptions().queryKey }),
  });
};
