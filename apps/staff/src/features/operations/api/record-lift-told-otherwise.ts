import type { LiftToldOtherwiseInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useOperation } from "../utils/use-operation.ts";

/**
 * Records how staff told the customer the restriction will be lifted when the notice's mail failed or there is no
 * address (409 lift_told_otherwise_not_allowed otherwise); the lift may follow.
 */
export const recordLiftToldOtherwise = ({
  restrictionId,
  method,
}: { restrictionId: string } & LiftToldOtherwiseInput) =>
  callApi(
    api.operations.restriction[":restrictionId"]["told-otherwise"].$post({
      param: { restrictionId },
      json: { method },
    }),
  );

export const useRecordLiftToldOtherwise = () => useOperation(recordLiftToldOtherwise);
