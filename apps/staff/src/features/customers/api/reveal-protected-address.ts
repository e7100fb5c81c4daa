import { useMutation } from "@tanstack/react-query";
import type { ProtectedAddressReason } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** A protected address for a stated reason; the BFF audits the read. Never cached: each showing is its own read. */
export const revealProtectedAddress = (id: string, reason: ProtectedAddressReason) =>
  callApi(api.customers[":id"]["protected-address"].$post({ param: { id }, json: { reason } }));

export const useRevealProtectedAddress = (id: string) =>
  useMutation({ mutationFn: (reason: ProtectedAddressReason) => revealProtectedAddress(id, reason) });
