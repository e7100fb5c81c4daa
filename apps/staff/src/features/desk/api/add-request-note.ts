import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRequestAction } from "../utils/use-request-action.ts";

/** Adds a staff-only note; it is never shown to the customer. */
export const addRequestNote = ({ id, note }: { id: string; note: string }) =>
  callApi(api.requests[":id"].notes.$post({ param: { id }, json: { note } }));

export const useAddRequestNote = (id: string) => useRequestAction(id, (note: string) => addRequestNote({ id, note }));
