import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { requestsQueryOptions } from "./get-requests.ts";

/** Withdraws a request nobody has decided yet (409 not_cancellable otherwise). */
export const cancelRequest = (id: string) => callApi(api.requests[":id"].cancel.$post({ param: { id } }));

export const useCancelRequest = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelRequest,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestsQueryOptions().queryKey }),
  });
};
