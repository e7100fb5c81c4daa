import { useQueryClient } from "@tanstack/react-query";
import { ApiError, callApi } from "@tietoni/ui";
import { useCallback, useState } from "react";
import { api } from "../../../lib/api-client.ts";
import { retentionDueQueryOptions } from "./get-retention-due.ts";
import { retentionRunsQueryOptions } from "./get-retention-runs.ts";

/** One call anonymises at most this many; the page shows progress between calls. */
export const RETENTION_BATCH = 10;

export const runRetention = (ids: string[]) => callApi(api.retention.run.$post({ json: { ids } }));

export type SkipReason = Awaited<ReturnType<typeof runRetention>>["skipped"][number]["reason"];

type Tally = { total: number; processed: number; anonymised: string[]; skipped: { id: string; reason: SkipReason }[] };

export type RetentionRunState =
  | { status: "idle" }
  | (Tally & { status: "running" | "done" | "failed"; error: string | null });

/** Runs retention over the given ids in batches of ten, one request after another, keeping the tally. */
export function useRetentionRun() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<RetentionRunState>({ status: "idle" });

  const start = useCallback(
    async (ids: string[]) => {
      let tally: Tally = { total: ids.length, processed: 0, anonymised: [], skipped: [] };
      setState({ status: "running", ...tally, error: null });
      try {
        for (let i = 0; i < ids.length; i += RETENTION_BATCH) {
          const batch = ids.slice(i, i + RETENTION_BATCH);
          const result = await runRetention(batch);
          tally = {
            ...tally,
            processed: tally.processed + batch.length,
            anonymised: [...tally.anonymised, ...result.anonymised],
            skipped: [...tally.skipped, ...result.skipped],
          };
          setState({ status: "running", ...tally, error: null });
        }
        setState({ status: "done", ...tally, error: null });
      } catch (err) {
        setState({ status: "failed", ...tally, error: err instanceof ApiError ? err.code : "server_error" });
      } finally {
        await queryClient.invalidateQueries({ queryKey: retentionDueQueryOptions().queryKey });
        await queryClient.invalidateQueries({ queryKey: retentionRunsQueryOptions().queryKey });
      }
    },
    [queryClient],
  );

  return { state, start };
}
