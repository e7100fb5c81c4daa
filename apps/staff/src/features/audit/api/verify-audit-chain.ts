import { useMutation } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Recomputes the whole hash chain on the server; the run itself is audited. */
export const verifyAuditChain = () => callApi(api.audit.verify.$post());

export const useVerifyAuditChain = () => useMutation({ mutationFn: verifyAuditChain });
