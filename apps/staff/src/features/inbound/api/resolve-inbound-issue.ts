import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InboundIssueResolution } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

export const resolveInboundIssue = (id: number, resolution: InboundIssueResolution) =>
  callApi(api["inbound-issues"][":id"].resolve.$post({ param: { id: String(id) }, json: { resolution } }));

/** Resolves one issue; the inbox is read again afterwards. */
export function useResolveInboundIssue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, resolution }: { id: number; resolution: InboundIssueResolution }) =>
      resolveInboundIssue(id, resolution),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["inbound-issues"] }),
  });
}
