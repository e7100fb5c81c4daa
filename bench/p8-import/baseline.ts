import Database from "better-sqlite3";
import { createBulkInserter } from "../../apps/bff/src/db/bulk-insert.ts";
import { DEMO_ORGANISATIONS } from "../../apps/bff/src/db/synthetic.ts";
import { answer, ready } from "../lib/child-side.ts";
import { bundles } from "./records.ts";

/*
 * P8's baseline: the same customers written as raw prepared single-row inserts in ONE transaction, with
 * synchronous = FULL like the server (the bulk loader of seed-large, without its shortcuts: the search index is
 * kept up to date row by row, as the import keeps it).
 */
const [file, countText] = process.argv.slice(2);
if (!file || !countText) throw new Error("usage: baseline.ts DB_FILE COUNT");
const count = Number(countText);

answer({
  run: () => {
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    const organisation = sqlite.prepare("INSERT OR IGNORE INTO organisations (id, name, business_id) VALUES (?, ?, ?)");
    for (const o of DEMO_ORGANISATIONS) organisation.run(o.id, o.name, o.businessId ?? null);
    const insert = createBulkInserter(sqlite);
    const started = performance.now();
    sqlite.exec("BEGIN");
    for (const batch of bundles(count)) insert(batch);
    sqlite.exec("COMMIT");
    const seconds = (performance.now() - started) / 1000;
    sqlite.close();
    return { seconds };
  },
});
ready({});
