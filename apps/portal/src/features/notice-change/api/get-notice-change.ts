import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Whether the privacy notice changed since the signed-in customer last saw it (issue 15 B); null: no change. */
export const getNoticeChange = () => callApi(api["notice-change"].$get());

export const noticeChangeQueryOptions = () =>
  queryOptions({
    queryKey: ["notice-change"],
    queryFn: getNoticeChange,
    // A new version comes only with a server restart.
    staleTime: 10 * 60_000,
  });

export const useNoticeChange = (enabled: boolean) => useQuery({ ...noticeChangeQueryOptions(), enabled });
