import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Staff members for the trail's "who" filter (the audit page is for admins, who may list accounts). */
export const getStaffNames = () => callApi(api.accounts.$get());

export const staffNamesQueryOptions = () =>
  queryOptions({ queryKey: ["audit", "staff-names"], queryFn: getStaffNames, staleTime: 60_000 });

export const useStaffNames = () => useQuery(staffNamesQueryOptions());
