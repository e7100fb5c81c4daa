import { useMutation } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Enters the code from the current address; the session may then change the address for 5 minutes. */
export const confirmReauthentication = (input: { code: string }) =>
  callApi(api.contact.reauthentication.confirm.$post({ json: input }));

export const useConfirmReauthentication = () => useMutation({ mutationFn: confirmReauthentication });
