import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useOperation } from "../utils/use-operation.ts";

/** Lifts the restriction; 409 lift_notice_missing until the customer has been told. */
export const liftRestriction = (restrictionId: string) =>
  callApi(api.operations.restriction[":restrictionId"].lift.$post({ param: { restrictionId } }));

export const useLiftRestriction = () => useOperation(liftRestriction);
