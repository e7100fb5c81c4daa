import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { refreshedAfterOperation } from "../utils/refresh-after-operation.ts";

/** Mails the customer that the restriction will be lifted (Art. 18(3)); lifting needs it first. */
export const notifyRestrictionLift = (restrictionId: string) =>
  callApi(api.operations.restriction[":restrictionId"]["notify-lift"].$post({ param: { restrictionId } }));

export const useNotifyRestrictionLift = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: notifyRestrictionLift,
    onSettled: () =>
      queryClient.invalidateQueries({ predicate: (q) => refreshedAfterOperation.has(String(q.queryKey[0])) }),
  });
};
