import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/call-api.ts";

/** One query policy for both apps: a refused request (4xx) will not succeed by asking again. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, err) => !(err instanceof ApiError && err.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}
