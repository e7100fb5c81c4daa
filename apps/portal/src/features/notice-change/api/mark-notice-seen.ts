import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { noticeChangeQueryOptions } from "./get-notice-change.ts";

/** The customer has seen the notice in force (opened it or dismissed the banner): no banner for it again. */
export const markNoticeSeen = () => callApi(api["notice-change"].seen.$post());

export const useMarkNoticeSeen = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNoticeSeen,
    onSuccess: (data) => queryClient.setQueryData(noticeChangeQueryOptions().queryKey, data),
  });
};
