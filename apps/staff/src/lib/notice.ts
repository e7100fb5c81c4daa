import { queryOptions } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "./api-client.ts";

/**
 * The privacy notice the BFF serves (NOTICE_FILE): the controller's name, the colours and every notice text come
 * from it, not from the build (issue 15). Read once by the NoticeProvider around the whole app.
 */
export const getNotice = () => callApi(api.notice.$get());

export const noticeQueryOptions = () =>
  queryOptions({ queryKey: ["notice"], queryFn: getNotice, staleTime: Number.POSITIVE_INFINITY });
