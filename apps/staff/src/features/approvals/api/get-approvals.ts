import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { approvalQueries } from "../../../lib/query-roots.ts";

/** The approvals waiting for a decision (ids, operations, dates, the requester's reason: no customer's data). */
export const getApprovals = () => callApi(api.approvals.$get());

export const approvalsQueryOptions = () =>
  queryOptions({ queryKey: [...approvalQueries, "open"], queryFn: getApprovals, refetchInterval: 60_000 });

export const useApprovals = () => useQuery(approvalsQueryOptions());

/** How many wait for someone other than the signed-in person: the menu's count (null while unknown). */
export const useApprovalCount = (enabled: boolean) =>
  useQuery({ ...approvalsQueryOptions(), enabled, select: (data) => data.forMe }).data ?? null;

export type ApprovalView = Awaited<ReturnType<typeof getApprovals>>["approvals"][number];

export type DecidedView = Awaited<ReturnType<typeof getApprovals>>["myDecided"][number];
