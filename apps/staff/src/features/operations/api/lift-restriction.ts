import type { LiftRestrictionInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useOperation } from "../utils/use-operation.ts";

/**
 * Lifts the restriction for a reason that fits its ground (400 lift_reason_required / lift_reason_invalid);
 * 409 lift_notice_missing until the customer has been told.
 */
export const liftRestriction = ({ restrictionId, reason }: { restrictionId: string } & LiftRestrictionInput) =>
  callApi(api.operations.restriction[":restrictionId"].lift.$post({ param: { restrictionId }, json: { reason } }));

export const useLiftRestriction = () => useOperation(liftRestriction);
