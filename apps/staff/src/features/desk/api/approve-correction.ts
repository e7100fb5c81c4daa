import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRequestAction } from "../utils/use-request-action.ts";

/** Applies the requested correction to the register, with its history, and decides the request. */
export const approveCorrection = (id: string) =>
  callApi(api.requests[":id"]["approve-correction"].$post({ param: { id } }));

export const useApproveCorrection = (id: string) => useRequestAction(id, () => approveCorrection(id));
