import { useMutation, useQueryClient } from "@tanstack/react-query";
import { approvalQueries, customerRecordKey } from "../../../lib/query-roots.ts";

/** A record-keeping change: afterwards the customer's record and the approvals queue are read again. */
export const useRecordChange = <T, V>(customerId: string, mutationFn: (variables: V) => Promise<T>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerRecordKey(customerId) }),
        queryClient.invalidateQueries({ queryKey: approvalQueries }),
      ]),
  });
};
