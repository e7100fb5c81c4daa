import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Art. 19: which recipients of the customer's data were told of a correction, erasure or restriction, newest first. */
export const getRecipientNotifications = () => callApi(api["recipient-notifications"].$get());

export type RecipientNotification = Awaited<ReturnType<typeof getRecipientNotifications>>["notifications"][number];

export const recipientNotificationsQueryOptions = () =>
  queryOptions({ queryKey: ["recipient-notifications"], queryFn: getRecipientNotifications });

export const useRecipientNotifications = () => useQuery(recipientNotificationsQueryOptions());
