import { useMutation } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Mails a code to the current address: an e-mail change asks for it when the sign-in is over 5 minutes old. */
export const requestReauthentication = () => callApi(api.contact.reauthentication.$post());

export const useRequestReauthentication = () => useMutation({ mutationFn: requestReauthentication });
