import type { Db } from "../db/port.ts";
import { createDeps, type Deps } from "../deps.ts";
import type { Env } from "../env.ts";

/**
 * Deps for a command-line run (an import, a retention run) beside a running server. What the run writes to the
 * outbox (the events of the customers it changed) is left to the server's dispatcher, which takes each row once its
 * lease runs out: a short-lived process that exits after its last batch must not hold deliveries in flight. So the
 * outbox here is stopped from the start, and its handlers never run.
 */
export async function cliDeps(db: Db, env: Env): Promise<Deps> {
  const deps = createDeps({
    db,
    env,
    mailer: {
      async send() {
        throw new Error("a command-line run sends no mail itself: the server's outbox does");
      },
    },
    now: Date.now,
  });
  await deps.outbox.stop();
  return deps;
}
