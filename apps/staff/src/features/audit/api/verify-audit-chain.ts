import { useMutation } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferResponseType } from "hono/client";
import { api } from "../../../lib/api-client.ts";

/**
 * Recomputes the whole hash chain on the server and checks its signed checkpoints, and the DPO's copies when
 * `checkpoints` (their lines, or whole mails) is given; the run itself is audited.
 */
export const verifyAuditChain = (checkpoints: string) =>
  callApi(api.audit.verify.$post({ json: checkpoints.trim() ? { checkpoints } : {} }));

export type AuditVerdict = InferResponseType<typeof api.audit.verify.$post, 200>;

export const useVerifyAuditChain = () => useMutation({ mutationFn: verifyAuditChain });
