import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { deskQueries } from "../../../lib/query-roots.ts";

/** Active staff members a request can be assigned to. */
export const getStaffMembers = () => callApi(api.requests["staff-members"].$get());

export const staffMembersQueryOptions = () =>
  queryOptions({ queryKey: [...deskQueries, "staff-members"], queryFn: getStaffMembers, staleTime: 5 * 60_000 });

export const useStaffMembers = () => useQuery(staffMembersQueryOptions());
