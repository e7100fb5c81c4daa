import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useOperation } from "../utils/use-operation.ts";

/** Restricts processing with the request's ground and completes the request; 409 restriction_active if one is in force. */
export const applyRestriction = (requestId: string) =>
  callApi(api.operations.restriction[":requestId"].apply.$post({ param: { requestId } }));

export const useApplyRestriction = () => useOperation(applyRestriction);
