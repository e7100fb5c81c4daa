import Database from "better-sqlite3";
import { createPortalApp } from "../../apps/bff/src/portal-app.ts";
import { verifyAuditChain } from "../../apps/bff/src/services/audit.ts";
import { searchCustomers } from "../../apps/bff/src/services/customer-search.ts";
import { retentionDryRun } from "../../apps/bff/src/services/retention.ts";
import { answer, listen, ready } from "../lib/child-side.ts";
import { benchDeps } from "../lib/register.ts";

/*
 * P12's server: the BFF's portal app over the register at argv[3] (config from the bench folder argv[2]), and on
 * request one of the three whole-register jobs of issue 14 item 8 run back to back in the same process, on the
 * same database handle, while the parent loads the portal: what a staff member starting one of them does to every
 * customer's request.
 */
const [dir, databasePath] = process.argv.slice(2);
if (!dir || !databasePath) throw new Error("usage: server.ts DIR DATABASE_PATH");
const deps = await benchDeps(dir, { DATABASE_PATH: databasePath });
const { db } = deps;

/** A rare two-letter word: no trigram to look up, and too few matches to stop early, so every doc is read. */
const SHORT_RARE_WORD = "zq";
const actor = { type: "staff", id: "staff-admin", role: "admin" } as const;

const jobs = {
  verify: async () => {
    const verdict = await verifyAuditChain(db);
    if (!verdict.ok) throw new Error(`the bench's audit trail does not verify: ${JSON.stringify(verdict)}`);
  },
  search: async () => {
    await searchCustomers(db, SHORT_RARE_WORD);
  },
  dryRun: async () => {
    await retentionDryRun(db, { now: Date.now(), actor });
  },
} as const;
type Job = keyof typeof jobs;

let running: { stop: boolean; done: Promise<number[]> } | null = null;

answer({
  /** Starts `job` back to back until "stop"; answers at once. */
  start: (argument) => {
    if (running) throw new Error("a job is already running");
    const job = jobs[argument as Job];
    if (!job) throw new Error(`no job ${String(argument)}`);
    const state = { stop: false, done: Promise.resolve([] as number[]) };
    state.done = (async () => {
      const times: number[] = [];
      while (!state.stop) {
        // As if each run were started by a request: a job that happens to finish without a pause (a small
        // register) must not starve the listener between runs, which the load would then measure instead.
        await new Promise((resolve) => setImmediate(resolve));
        const started = performance.now();
        await job();
        times.push(performance.now() - started);
      }
      return times;
    })();
    running = state;
    return null;
  },
  /** Stops the job after the run in flight and answers the duration of each run, ms. */
  stop: async () => {
    if (!running) return [];
    running.stop = true;
    const times = await running.done;
    running = null;
    return times;
  },
  /** One run of `job` alone, ms. */
  once: async (argument) => {
    const started = performance.now();
    await jobs[argument as Job]();
    return performance.now() - started;
  },
  /**
   * The short-word search as the one statement it was before issue 14 (every doc in doc_id order up to 1,000
   * matches, then sorted): how long it held the event loop, ms, on this register.
   */
  unslicedSearch: () => {
    const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      const like = `${SHORT_RARE_WORD}%`;
      const anywhere = `%${SHORT_RARE_WORD}%`;
      const statement = sqlite.prepare(`SELECT * FROM (
          SELECT d.customer_id AS id, d.first_name, d.last_name FROM customer_search_docs d
          WHERE d.first_name LIKE ? OR d.last_name LIKE ? OR d.email LIKE ? OR d.organisations LIKE ?
          ORDER BY d.doc_id LIMIT 1000) ORDER BY last_name, first_name, id LIMIT 50`);
      statement.all(like, like, anywhere, anywhere);
      const started = performance.now();
      statement.all(like, like, anywhere, anywhere);
      return performance.now() - started;
    } finally {
      sqlite.close();
    }
  },
});

ready({ port: await listen(createPortalApp(deps).fetch) });
