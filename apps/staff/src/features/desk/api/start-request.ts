import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { invalidateRequest } from "../utils/invalidate-request.ts";

/** received → in progress; 409 invalid_state otherwise. */
export const startRequest = (id: string) => callApi(api.requests[":id"].start.$post({ param: { id } }));

export const useStartRequest = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => startRequest(id),
    onSuccess: () => invalidateRequest(queryClient, id),
  });
};
