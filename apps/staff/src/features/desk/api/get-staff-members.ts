import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Active staff members a request can be assigned to. */
export const getStaffMembers = () => callApi(api.requests["staff-members"].$get());

export const staffMembersQueryOptions = () =>
  queryOptions({ queryKey: ["desk", "staff-members"], queryFn: getStaffMembers, staleTime: 5 * 60_000 });

export const useStaffMembers = () => useQuery(staffMembersQueryOptions());
