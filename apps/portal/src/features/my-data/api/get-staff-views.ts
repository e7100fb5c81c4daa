import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

export const getStaffViews = () => callApi(api["my-data"]["staff-views"].$get());

export const staffViewsQueryOptions = () =>
  queryOptions({ queryKey: ["my-data", "staff-views"], queryFn: getStaffViews });

export const useStaffViews = () => useQuery(staffViewsQueryOptions());
