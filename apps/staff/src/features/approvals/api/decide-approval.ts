import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApprovalRejectInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { approvalQueries, customerQueries } from "../../../lib/query-roots.ts";

/** Approves (the operation runs now) or rejects with a reason; 403 approval_own_request for one's own. */
export const decideApproval = (
  variables: { id: string; approve: true } | ({ id: string; approve: false } & ApprovalRejectInput),
) =>
  variables.approve
    ? callApi(api.approvals[":id"].approve.$post({ param: { id: variables.id } }))
    : callApi(api.approvals[":id"].reject.$post({ param: { id: variables.id }, json: { reason: variables.reason } }));

export const useDecideApproval = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideApproval,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: approvalQueries }),
        queryClient.invalidateQueries({ queryKey: customerQueries }),
      ]),
  });
};
