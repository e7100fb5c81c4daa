import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Per role, whether sign-in needs a second factor, and who switched it off and why. */
export const getRolePolicies = () => callApi(api["role-policies"].$get());

export const rolePoliciesQueryOptions = () =>
  queryOptions({ queryKey: ["role-policies"], queryFn: getRolePolicies, staleTime: 30_000 });

export const useRolePolicies = () => useQuery(rolePoliciesQueryOptions());

export type RolePolicy = Awaited<ReturnType<typeof getRolePolicies>>["policies"][number];
