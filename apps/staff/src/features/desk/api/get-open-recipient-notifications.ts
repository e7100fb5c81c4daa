import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { deskQueries, uncached } from "../../../lib/query-roots.ts";

/** Art. 19: every party still to tell (open tasks, webhooks that died), with its customer. An audited read. */
export const getOpenRecipientNotifications = () => callApi(api["recipient-notifications"].$get());

export type OpenRecipientNotification = Awaited<
  ReturnType<typeof getOpenRecipientNotifications>
>["notifications"][number];

export const openRecipientNotificationsQueryOptions = () =>
  queryOptions({
    queryKey: [...deskQueries, "recipient-notifications"],
    queryFn: getOpenRecipientNotifications,
    ...uncached,
  });

export const useOpenRecipientNotifications = () => useQuery(openRecipientNotificationsQueryOptions());
