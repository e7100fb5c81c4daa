import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** What an auditor would question in the notice the server serves, with the version in force (issue 15 B). */
export const getNoticeCheck = () => callApi(api["notice-check"].$get());

export const noticeCheckQueryOptions = () =>
  queryOptions({
    queryKey: ["notice-check"],
    queryFn: getNoticeCheck,
    // The notice changes only with a restart: nothing to refetch on focus.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useNoticeCheck = () => useQuery(noticeCheckQueryOptions());

export type NoticeCheckReport = Awaited<ReturnType<typeof getNoticeCheck>>;
