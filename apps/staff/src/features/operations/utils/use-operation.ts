import { useMutation, useQueryClient } from "@tanstack/react-query";
import { deskQueries, operationsQueries } from "../../../lib/query-roots.ts";

/** A step that changes a request's state; afterwards this feature's views and the request desk's are read again. */
export const useOperation = <T, V = string>(mutationFn: (variables: V) => Promise<T>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: operationsQueries }),
        queryClient.invalidateQueries({ queryKey: deskQueries }),
      ]),
  });
};
