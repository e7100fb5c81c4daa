import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRequestAction } from "../utils/use-request-action.ts";

/** Marks an access, objection or other request as completed, with the answer the customer sees. */
export const completeRequest = ({ id, note }: { id: string; note: string }) =>
  callApi(api.requests[":id"].complete.$post({ param: { id }, json: { note } }));

export const useCompleteRequest = (id: string) => useRequestAction(id, (note: string) => completeRequest({ id, note }));
