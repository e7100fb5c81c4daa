import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { invalidateRequest } from "../utils/invalidate-request.ts";

/** Applies the requested correction to the register, with its history, and decides the request. */
export const approveCorrection = (id: string) =>
  callApi(api.requests[":id"]["approve-correction"].$post({ param: { id } }));

export const useApproveCorrection = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => approveCorrection(id),
    onSuccess: () => invalidateRequest(queryClient, id),
  });
};
