import { useMutation, useQueryClient } from "@tanstack/react-query";
import { invalidateRequest } from "./invalidate-request.ts";

/** A desk step on request `id`; afterwards the request and the queue are read again. */
export const useRequestAction = <T, V = void>(id: string, mutationFn: (input: V) => Promise<T>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => invalidateRequest(queryClient, id) });
};
