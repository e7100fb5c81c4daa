import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { refreshedAfterOperation } from "../utils/refresh-after-operation.ts";

/** Lifts the restriction; 409 lift_notice_missing until the customer has been told. */
export const liftRestriction = (restrictionId: string) =>
  callApi(api.operations.restriction[":restrictionId"].lift.$post({ param: { restrictionId } }));

export const useLiftRestriction = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: liftRestriction,
    onSettled: () =>
      queryClient.invalidateQueries({ predicate: (q) => refreshedAfterOperation.has(String(q.queryKey[0])) }),
  });
};
