import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { myDataQueryOptions } from "../../../lib/my-data.ts";
import { sessionQueryOptions } from "../../../lib/session.ts";
import { contactHistoryQueryOptions } from "./get-contact-history.ts";

export const confirmEmailChange = (input: { code: string }) =>
  callApi(api.contact.email.confirm.$post({ json: input }));

export const useConfirmEmailChange = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmEmailChange,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: myDataQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: contactHistoryQueryOptions().queryKey }),
        // The session carries the e-mail address too.
        queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey }),
      ]),
  });
};
