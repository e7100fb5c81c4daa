import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRequestAction } from "../utils/use-request-action.ts";

/** Refuses with written reasons, which the customer receives with the route to complain to the Ombudsman. */
export const refuseRequest = ({ id, reasons }: { id: string; reasons: string }) =>
  callApi(api.requests[":id"].refuse.$post({ param: { id }, json: { reasons } }));

export const useRefuseRequest = (id: string) =>
  useRequestAction(id, (reasons: string) => refuseRequest({ id, reasons }));
