import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Db, Engine } from "./db/port.ts";
import { migrationsFolder, pgMigrationsFolder } from "./paths.ts";
import type { Outbox } from "./services/outbox/outbox.ts";

/*
 * Issue 15 D — readiness, beside /healthz (the process and its database answer). A load balancer sends traffic only
 * to an instance that is ready: its database answers, its schema is the one this build was made for (every migration
 * in the bundled journal applied, none unknown), and its outbox dispatcher runs, so the mail a request queues leaves.
 * From the first signal of a shutdown it is not ready, so the balancer stops sending before the listener closes.
 */

export type ReadinessChecks = { database: boolean; migrations: boolean; outbox: boolean };
export type ReadinessReport = { ready: boolean; shuttingDown: boolean; checks: ReadinessChecks };

export type Readiness = {
  check(): Promise<ReadinessReport>;
  /** From now on not ready (a shutdown began); never undone in this process. */
  drain(): void;
};

type Journal = { entries: { when: number }[] };

/** The last migration this build knows for each engine: read once, it cannot change under a running process. */
const expected = new Map<Engine, { count: number; last: number }>();
function expectedMigrations(engine: Engine) {
  let known = expected.get(engine);
  if (!known) {
    const folder = engine === "postgres" ? pgMigrationsFolder : migrationsFolder;
    const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as Journal;
    known = { count: journal.entries.length, last: Math.max(0, ...journal.entries.map((e) => e.when)) };
    expected.set(engine, known);
  }
  return known;
}

export function createReadiness({
  db,
  outbox,
}: {
  db: Pick<Db, "ping" | "row" | "engine">;
  outbox: Pick<Outbox, "running">;
}) {
  let draining = false;

  async function migrationsCurrent(): Promise<boolean> {
    // drizzle's migrator records each applied migration with its journal time (`created_at`).
    const applied = await db.row<{ count: number; last: number | null }>(
      sql`select count(*) as count, max(created_at) as last from __drizzle_migrations`,
    );
    const want = expectedMigrations(db.engine);
    return applied?.count === want.count && Number(applied.last) === want.last;
  }

  return {
    async check(): Promise<ReadinessReport> {
      let database = true;
      let migrations = false;
      try {
        await db.ping();
        migrations = await migrationsCurrent();
      } catch {
        database = false;
      }
      const checks = { database, migrations, outbox: outbox.running };
      return { ready: !draining && database && migrations && checks.outbox, shuttingDown: draining, checks };
    },
    drain() {
      draining = true;
    },
  } satisfies Readiness;
}
