import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRequestAction } from "../utils/use-request-action.ts";

/** Records that one Art. 19 party was told of the approved correction. */
export const confirmNotification = ({
  id,
  party,
}: {
  id: string;
  party: { partyKind: "source" | "recipient"; partyId: string };
}) => callApi(api.requests[":id"].notifications.$post({ param: { id }, json: party }));

export const useConfirmNotification = (id: string) =>
  useRequestAction(id, (party: { partyKind: "source" | "recipient"; partyId: string }) =>
    confirmNotification({ id, party }),
  );
