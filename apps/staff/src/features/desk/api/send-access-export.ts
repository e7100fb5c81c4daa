import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRequestAction } from "../utils/use-request-action.ts";

/**
 * Produces the customer's Art. 15 export for a verified paper access request. The BFF chooses the recipient: the
 * e-mail on record (mailed), or without one a letter to the postal address on record (handed back to print).
 */
export const sendAccessExport = (id: string) => callApi(api.requests[":id"].export.$post({ param: { id } }));

export const useSendAccessExport = (id: string) => useRequestAction(id, () => sendAccessExport(id));
