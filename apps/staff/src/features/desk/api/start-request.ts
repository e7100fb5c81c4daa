import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRequestAction } from "../utils/use-request-action.ts";

/** received → in progress; 409 invalid_state otherwise. */
export const startRequest = (id: string) => callApi(api.requests[":id"].start.$post({ param: { id } }));

export const useStartRequest = (id: string) => useRequestAction(id, () => startRequest(id));
