import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRequestAction } from "../utils/use-request-action.ts";

/** Assigns the request to a staff member, or to nobody (null). */
export const assignRequest = ({ id, staffUserId }: { id: string; staffUserId: string | null }) =>
  callApi(api.requests[":id"].assign.$post({ param: { id }, json: { staffUserId } }));

export const useAssignRequest = (id: string) =>
  useRequestAction(id, (staffUserId: string | null) => assignRequest({ id, staffUserId }));
