import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { invalidateRequest } from "../utils/invalidate-request.ts";

/** Assigns the request to a staff member, or to nobody (null). */
export const assignRequest = ({ id, staffUserId }: { id: string; staffUserId: string | null }) =>
  callApi(api.requests[":id"].assign.$post({ param: { id }, json: { staffUserId } }));

export const useAssignRequest = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (staffUserId: string | null) => assignRequest({ id, staffUserId }),
    onSuccess: () => invalidateRequest(queryClient, id),
  });
};
