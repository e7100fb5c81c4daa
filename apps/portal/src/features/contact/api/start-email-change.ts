import { useMutation } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Sends a confirmation code to the new address; nothing changes until the code comes back. */
export const startEmailChange = (input: { email: string }) => callApi(api.contact.email.$post({ json: input }));

export const useStartEmailChange = () => useMutation({ mutationFn: startEmailChange });
