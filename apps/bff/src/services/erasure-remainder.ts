import type { Deps } from "../deps.ts";
import type { AuditActor } from "./audit.ts";

/**
 * Issue 14 A: erases the remainder of every partial erasure whose last ground has ended by `now` (the retention run
 * calls it, and the desk's same-day task). Contract for the scheduled retention run (issue 14 B); issue 14 A builds it.
 */
export async function eraseDueRemainders(
  _deps: Pick<Deps, "db" | "outbox" | "env">,
  _options: { now: number; actor: AuditActor },
): Promise<{ erased: string[] }> {
  return { erased: [] };
}
