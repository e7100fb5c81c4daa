import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { UpdateContactInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { myDataQueryOptions } from "../../../lib/my-data.ts";
import { contactHistoryQueryOptions } from "./get-contact-history.ts";

/** A direct edit of phone, postal address or web address; `null` clears the field. */
export const updateContact = (input: UpdateContactInput) => callApi(api.contact.$patch({ json: input }));

export const useUpdateContact = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateContact,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: myDataQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: contactHistoryQueryOptions().queryKey }),
      ]),
  });
};
