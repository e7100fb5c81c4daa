import type { CustomerSearchHit } from "@tietoni/domain";
import type Database from "better-sqlite3";
import type { Db } from "../db/client.ts";

const MAX_HITS = 50;
const MAX_WORDS = 5;
/**
 * How many matching customers, in index order, are sorted by name for the answer. Up to this many matches the
 * answer is exactly the first 50 by last and first name; a broader query (a common surname at 1,000,000
 * customers matches 30,000) gets the first 50 by name among the first SORT_WINDOW matches the index yields.
 * Sorting every match of a broad query costs time in proportion to their number (270 ms for 33,000 at 1M,
 * see docs/performance.md, P4), and staff narrow a broad search anyway.
 */
export const SORT_WINDOW = 2000;
/** The trigram tokenizer indexes three-character substrings; shorter words cannot be looked up in it. */
const TRIGRAM = 3;

/**
 * Finds active customers by name, e-mail or organisation. Every word of the query must match the start of the
 * first or last name, or occur in the e-mail or in the name of an organisation the customer has a role in
 * (case-insensitive for A–Z, as SQLite's LIKE), so "ahonen heli" works. At most 50 hits, by last and first name.
 *
 * The FTS5 trigram index `customer_search` (migration 0005) finds candidates: customers whose indexed text holds
 * trigrams of every word of three or more characters. Each candidate is then checked against the exact rule
 * above, so the index only has to be generous, never exact. Differences from the LIKE scan this replaces:
 * - more matches than SORT_WINDOW: the first 50 by name among the first SORT_WINDOW matches in index order
 *   (the order customers entered the index), not among all of them;
 * - a query whose words are all shorter than three characters ("oy", "li a") cannot use the index and scans
 *   the indexed customers in the same order, stopping at SORT_WINDOW matches: quick for a common short word,
 *   a full scan (about half a second at 1,000,000 customers) for a rare one;
 * - ties in last and first name are broken by customer id, so the answer is stable.
 */
export function searchCustomers(db: Db, query: string): CustomerSearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  if (words.length === 0) return [];
  const match = ftsQuery(words);
  const params = words.flatMap((w) => {
    const escaped = w.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    return [`${escaped}%`, `${escaped}%`, `%${escaped}%`, `%${escaped}%`];
  });
  const statement = searchStatement(db.$client, words.length, match !== null);
  const rows = match === null ? statement.all(...params) : statement.all(match, ...params);
  return rows.map((r) => ({ ...r, organisations: r.organisations ? r.organisations.split("\u001f") : [] }));
}

/**
 * The FTS5 query for the words: for every word of three or more characters, trigrams covering it, each as an
 * FTS string ("..." with quotes doubled), so no character of the query is FTS syntax. A covering set (every
 * third trigram and the last) intersects half as many doclists as all of them; the few extra candidates it lets
 * through fail the exact check. Null when no word is long enough.
 */
export function ftsQuery(words: readonly string[]): string | null {
  const trigrams = new Set<string>();
  for (const word of words) {
    const chars = Array.from(word);
    if (chars.length < TRIGRAM) continue;
    for (let i = 0; i + TRIGRAM < chars.length; i += TRIGRAM) trigrams.add(chars.slice(i, i + TRIGRAM).join(""));
    trigrams.add(chars.slice(-TRIGRAM).join(""));
  }
  if (trigrams.size === 0) return null;
  return [...trigrams].map((t) => `"${t.replaceAll('"', '""')}"`).join(" AND ");
}

type Row = { id: string; firstName: string; lastName: string; email: string; organisations: string | null };

const statements = new WeakMap<Database.Database, Map<string, Database.Statement<unknown[], Row>>>();

/** The search statement for `wordCount` words, with or without the index, prepared once per connection. */
function searchStatement(sqlite: Database.Database, wordCount: number, indexed: boolean) {
  let cache = statements.get(sqlite);
  if (!cache) {
    cache = new Map();
    statements.set(sqlite, cache);
  }
  const key = `${wordCount}:${indexed}`;
  let statement = cache.get(key);
  if (!statement) {
    // The exact rule, per word. `organisations` joins the names with U+001F, which a query word never holds in
    // practice; LIKE over it is the old per-organisation EXISTS without the join.
    const rule = Array.from(
      { length: wordCount },
      () => `(
        lower(d.first_name) LIKE ? ESCAPE '\\' OR lower(d.last_name) LIKE ? ESCAPE '\\' OR d.email LIKE ? ESCAPE '\\'
        OR lower(d.organisations) LIKE ? ESCAPE '\\'
      )`,
    ).join(" AND ");
    // The inner query walks candidates in rowid order, which FTS5 yields without sorting, and stops at
    // SORT_WINDOW matches; only those are sorted by name.
    const candidates = indexed
      ? `FROM customer_search s JOIN customer_search_docs d ON d.doc_id = s.rowid
         WHERE customer_search MATCH ? AND ${rule} ORDER BY s.rowid`
      : `FROM customer_search_docs d WHERE ${rule} ORDER BY d.doc_id`;
    statement = sqlite.prepare<unknown[], Row>(
      `SELECT id, firstName, lastName, email, organisations FROM (
         SELECT d.customer_id AS id, d.first_name AS firstName, d.last_name AS lastName, d.email, d.organisations
         ${candidates} LIMIT ${SORT_WINDOW}
       ) ORDER BY lastName, firstName, id LIMIT ${MAX_HITS}`,
    );
    cache.set(key, statement);
  }
  return statement;
}
