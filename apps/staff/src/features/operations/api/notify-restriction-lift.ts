import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useOperation } from "../utils/use-operation.ts";

/** Mails the customer that the restriction will be lifted (Art. 18(3)); lifting needs it first. */
export const notifyRestrictionLift = (restrictionId: string) =>
  callApi(api.operations.restriction[":restrictionId"]["notify-lift"].$post({ param: { restrictionId } }));

export const useNotifyRestrictionLift = () => useOperation(notifyRestrictionLift);
