import type { QueryClient } from "@tanstack/react-query";

/** After a step on a request: its page and every queue view (state, counts, handler) may have changed. */
export const invalidateRequest = (queryClient: QueryClient, id: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: ["desk", "request", id] }),
    queryClient.invalidateQueries({ queryKey: ["desk", "queue"] }),
  ]);
