import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { refreshedAfterOperation } from "../utils/refresh-after-operation.ts";

/** Carries out the erasure as anonymisation; 409 erasure_blocked while a ground holds. */
export const executeErasure = (requestId: string) =>
  callApi(api.operations.erasure[":requestId"].execute.$post({ param: { requestId } }));

export const useExecuteErasure = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: executeErasure,
    onSettled: () =>
      queryClient.invalidateQueries({ predicate: (q) => refreshedAfterOperation.has(String(q.queryKey[0])) }),
  });
};
