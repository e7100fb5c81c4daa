import type { QueryClient } from "@tanstack/react-query";
import { deskRequestQueryOptions } from "../api/get-desk-request.ts";
import { requestQueueQueries } from "../api/get-request-queue.ts";

/** After a step on a request: its page and every queue view (state, counts, handler) may have changed. */
export const invalidateRequest = (queryClient: QueryClient, id: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: deskRequestQueryOptions(id).queryKey }),
    queryClient.invalidateQueries({ queryKey: requestQueueQueries }),
  ]);
