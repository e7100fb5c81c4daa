import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

export const getStaffAccounts = () => callApi(api.accounts.$get());

export const staffAccountsQueryOptions = () =>
  queryOptions({ queryKey: ["accounts"], queryFn: getStaffAccounts, staleTime: 30_000 });

export const useStaffAccounts = (enabled = true) => useQuery({ ...staffAccountsQueryOptions(), enabled });

export type StaffAccount = Awaited<ReturnType<typeof getStaffAccounts>>["staff"][number];
