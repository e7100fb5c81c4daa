import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { deskQueries } from "../../../lib/query-roots.ts";

/** Art. 19: staff told this party of the change another way (409 already_notified, notification_by_webhook). */
export const confirmRecipientNotification = (id: string) =>
  callApi(api["recipient-notifications"][":id"].confirm.$post({ param: { id } }));

/** Confirms one party; the request's page and the desk's list are read again afterwards. */
export function useConfirmRecipientNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmRecipientNotification,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deskQueries }),
  });
}
