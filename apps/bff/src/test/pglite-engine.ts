import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { EngineSession, PgEngine } from "../db/postgres/engine.ts";
import { pgMigrationsFolder } from "../paths.ts";

/*
 * TEST ONLY (issue 16): the PostgreSQL port's engine on PGlite, PostgreSQL compiled to WebAssembly and run in the
 * test's own process, for a machine with no PostgreSQL server: `npm test` still runs the BFF suite on both dialects
 * (test/pg-global-setup.ts chooses). Production never imports this file; PGlite is a devDependency.
 *
 * PGlite is one backend, one connection. A session (a transaction) takes it for itself; a statement outside one
 * waits until no session holds it, so it never runs inside somebody else's transaction. What needs two connections
 * at once (two instances, SKIP LOCKED between workers, a reader while a snapshot is held open by the same flow)
 * cannot run here: those tests say "skipped: no PostgreSQL server".
 */

// As db/postgres/engine.ts: bigint and numeric arrive as numbers, like SQLite's integers.
const INT8 = 20;
const NUMERIC = 1700;
const parsers = { [INT8]: (value: string) => Number(value), [NUMERIC]: (value: string) => Number(value) };

// Node's global WebAssembly (the compiler's lib declares only its types here).
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } })
  .WebAssembly;

// PostgreSQL's WebAssembly and its file bundle, compiled and read once per test process instead of once per register.
let runtime: Promise<{ pgliteWasmModule: WebAssembly.Module; fsBundle: Blob }> | undefined;
const loadRuntime = () =>
  (runtime ??= (async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    return {
      pgliteWasmModule: await wasm.compile(fs.readFileSync(path.join(dist, "pglite.wasm"))),
      fsBundle: new Blob([fs.readFileSync(path.join(dist, "pglite.data"))]),
    };
  })());

/** A PGlite with the extensions the migrations create (pg_trgm, drizzle-pg/0003), empty or from a dumped data dir. */
export async function createPglite(dataDir?: Blob): Promise<PGlite> {
  const pglite = new PGlite({
    ...(await loadRuntime()),
    extensions: { pg_trgm },
    parsers,
    ...(dataDir ? { loadDataDir: dataDir } : {}),
  });
  await pglite.waitReady;
  return pglite;
}

/** Applies the PostgreSQL migrations (drizzle-pg), as migratePostgres does on a server. */
export async function migratePglite(pglite: PGlite): Promise<void> {
  await migrate(drizzle({ client: pglite }), { migrationsFolder: pgMigrationsFolder, migrationsSchema: "public" });
}

/**
 * How long a statement may wait for the one connection. A test that holds it in one flow (a long snapshot) while
 * another flow of the same test needs it would otherwise hang until the test's timeout: it fails saying why instead.
 */
const WAIT_MS = 15_000;

/** One connection handed to one holder at a time, in the order they asked. */
class Turns {
  #busy = false;
  #waiting: (() => void)[] = [];
  take(): Promise<void> {
    if (!this.#busy) {
      this.#busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiting = this.#waiting.filter((waiting) => waiting !== turn);
        reject(
          new Error(
            `PGlite has one connection and another session held it for ${WAIT_MS / 1000} s: this test needs several connections (run it with a PostgreSQL server)`,
          ),
        );
      }, WAIT_MS);
      this.#waiting.push(turn);
    });
  }
  give() {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#busy = false;
  }
}

/** The engine interface over one PGlite; `end()` closes it (its data is gone: it lives in memory). */
export function pgliteEngine(pglite: PGlite): PgEngine & { pglite: PGlite } {
  const turns = new Turns();
  const run = async (text: string, params: unknown[], arrays: boolean) => {
    const result = await pglite.query(text, params, { rowMode: arrays ? "array" : "object" });
    return { rows: result.rows as unknown[], rowCount: result.affectedRows ?? result.rows.length };
  };
  async function session(): Promise<EngineSession> {
    await turns.take();
    let released = false;
    return {
      query: (text, params, arrays) => run(text, params, arrays),
      release(error) {
        if (released) return;
        released = true;
        // A session given back with an error may have left its transaction open (a pooled connection would be
        // discarded): end it, so the next holder does not start inside it.
        if (error)
          void pglite
            .query("ROLLBACK")
            .catch(() => {})
            .finally(() => turns.give());
        else turns.give();
      },
    };
  }
  const engine = {
    pglite,
    async query(text: string, params: unknown[], arrays: boolean) {
      await turns.take();
      try {
        return await run(text, params, arrays);
      } finally {
        turns.give();
      }
    },
    session,
    // A long snapshot's connection of its own (the export, the audit verification) is the one connection too.
    dedicated: session,
    async end() {
      await turns.take();
      await pglite.close();
    },
  };
  return engine;
}
