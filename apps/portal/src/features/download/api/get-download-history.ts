import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

const HISTORY_REFRESH_DELAY_MS = 1500;

/** The customer's earlier downloads of their data, newest first. */
export const getDownloadHistory = () => callApi(api.export.history.$get());

export type DownloadHistory = Awaited<ReturnType<typeof getDownloadHistory>>;

/**
 * A download is a plain link the browser follows, not a request of this page: the history is read again
 * when the customer comes back to the page, so the new download shows up.
 */
export const downloadHistoryQueryOptions = () =>
  queryOptions({ queryKey: ["export", "history"], queryFn: getDownloadHistory, refetchOnWindowFocus: true });

export const useDownloadHistory = () => useQuery(downloadHistoryQueryOptions());

/**
 * A download link's click starts a request the page cannot watch. Its answer records the download,
 * so the history is read again a moment later (returning to the window reads it again as well).
 */
export const useRefreshDownloadHistory = () => {
  const queryClient = useQueryClient();
  return () => {
    window.setTimeout(
      () => queryClient.invalidateQueries({ queryKey: downloadHistoryQueryOptions().queryKey }),
      HISTORY_REFRESH_DELAY_MS,
    );
  };
};
