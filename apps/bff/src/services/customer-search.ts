import type { CustomerSearchHit } from "@tietoni/domain";
import { type SQL, sql } from "drizzle-orm";
import { codePointOrder } from "../db/dialect.ts";
import type { Db, Queries } from "../db/port.ts";
import { yieldToEventLoop } from "./event-loop.ts";

const MAX_HITS = 50;
const MAX_WORDS = 5;
/**
 * How many matching customers, in index order, are sorted by name for the answer. Up to this many matches the
 * answer is exactly the first 50 by last and first name; a broader query gets the first 50 by name among the
 * first SORT_WINDOW matches the index yields. Sorting every match costs time in proportion to their number: a
 * surname of the synthetic register matches 33,000 of 1,000,000 customers and took 270 ms that way on the
 * 2-core bench machine (bench/p4-search), and staff narrow a search that broad anyway.
 */
export const SORT_WINDOW = 1000;
/**
 * Indexed customers one statement of a short-word search reads (issue 14 item 8). A query no word of which the
 * trigram index can serve reads the docs in doc_id order; one statement over all of them held the event loop for
 * 0.4 s at 1,000,000 customers, so it reads this many doc_ids per statement and lets the event loop run between
 * statements (a few milliseconds each on the bench machine, bench/p12-bounded-work).
 */
export const SCAN_SLICE = 10_000;
/** The trigram tokenizer indexes three-character substrings; shorter words cannot be looked up in it. */
const TRIGRAM = 3;

/**
 * Finds active customers by name, e-mail or organisation. Every word of the query must match the start of the
 * first or last name, or occur in the e-mail or in the name of an organisation the customer has a role in
 * (case-insensitive: for A–Z as SQLite's LIKE; on PostgreSQL as its lower()), so "ahonen heli" works. At most 50
 * hits, by last and first name.
 *
 * A trigram index finds candidates, each then checked against the exact rule above, so the index only has to be
 * generous, never exact: on SQLite the FTS5 index `customer_search` (migration 0005), asked for the rarest
 * trigrams of every word of three or more characters; on PostgreSQL pg_trgm's GIN index over the lower-cased
 * `search_text` (drizzle-pg 0003), asked whether the text holds each such word (`LIKE '%word%'`, which the index
 * serves from all of the word's trigrams) — unless the words are common (WALK_SHARE), when walking the docs in
 * order to the first SORT_WINDOW matches reads far fewer pages. Differences from the LIKE scan this replaces:
 * - more matches than SORT_WINDOW: the first 50 by name among the first SORT_WINDOW matches in index order
 *   (the order customers entered the index, doc_id), not among all of them;
 * - a query whose words are all shorter than three characters ("oy", "li a") cannot use the index and scans
 *   the indexed customers in the same order, stopping at SORT_WINDOW matches: quick for a common short word,
 *   a full scan (0.4 s at 1,000,000 customers) for a rare one, read in slices of SCAN_SLICE doc_ids with the
 *   event loop running between them, so the rest of the server is never held up for the whole scan;
 * - ties in last and first name are broken by customer id, so the answer is stable; names sort by code point
 *   on both engines (SQLite's BINARY, PostgreSQL's COLLATE "C"), whatever the PostgreSQL database's locale.
 *
 * Issue 16, several instances on one database: nothing about the index outlives a search in this process. The
 * trigram shares SQLite's query is built from are read from the index on the search's own snapshot (a few
 * microseconds each, indexShares), and PostgreSQL keeps its statistics in the database (the GIN index itself and
 * ANALYZE's), so a search on one instance sees every customer another instance added, renamed or erased.
 */
export async function searchCustomers(db: Db, query: string): Promise<CustomerSearchHit[]> {
  const words = wordsOf(query);
  if (words.length === 0) return [];
  // PostgreSQL's text cannot hold a NUL (nor take one as a parameter): no customer's text holds such a word.
  if (db.engine === "postgres" && words.some((word) => word.includes("\u0000"))) return [];
  const rows =
    ftsQuery(words) === null || (db.engine === "postgres" && (await commonOnPostgres(db, words)))
      ? await scanInSlices(db, words)
      : // The probes and the search on one snapshot: one lock instead of one per statement.
        await db.read(async (r) => r.rows<Row>(await searchStatement(r, words)));
  return rows.map((row) => ({ ...row, organisations: row.organisations ? row.organisations.split("\u001f") : [] }));
}

/**
 * A query the index cannot serve (or, on PostgreSQL, one it would answer slower: commonOnPostgres): the docs in
 * doc_id order, SCAN_SLICE doc_ids per statement, until SORT_WINDOW matches or the last doc; then the first
 * MAX_HITS of them by name, as the single statement answered. Each slice
 * is a statement of its own, not one snapshot: a snapshot held across the pauses would hold the connection
 * (and with it every write) for the whole scan. A customer renamed during the scan is thus found by the name
 * their slice saw.
 */
async function scanInSlices(db: Db, words: readonly string[]): Promise<Row[]> {
  const bounds = await db.row<{ first: number | null; last: number | null }>(
    sql`SELECT min(doc_id) AS first, max(doc_id) AS last FROM customer_search_docs`,
  );
  if (bounds?.first == null || bounds.last == null) return [];
  const found: Row[] = [];
  for (let from = bounds.first; from <= bounds.last && found.length < SORT_WINDOW; from += SCAN_SLICE) {
    if (from > bounds.first) await yieldToEventLoop();
    found.push(...(await db.rows<Row>(sliceStatement(db, words, from, SORT_WINDOW - found.length))));
  }
  return found.sort(byName).slice(0, MAX_HITS);
}

/** The matches among the docs from doc_id `from` on, at most SCAN_SLICE doc_ids and `limit` matches. */
function sliceStatement(q: Pick<Queries, "engine">, words: readonly string[], from: number, limit: number): SQL {
  return sql`SELECT ${hitColumns}
       FROM customer_search_docs d
       WHERE d.doc_id >= ${from} AND d.doc_id < ${from + SCAN_SLICE} AND ${holdsEveryWord(q, words)}${exactRule(q, words)}
       ORDER BY d.doc_id LIMIT ${limit}`;
}

/**
 * On PostgreSQL, a cheap first test for a walk (scanInSlices): the lower-cased search_text holds every word, as
 * the exact rule implies. One strpos per word instead of four lower() and LIKE per word for the many docs that
 * hold none; strpos is nothing pg_trgm's index serves, so the planner keeps to the doc_id range. SQLite: nothing.
 */
function holdsEveryWord(q: Pick<Queries, "engine">, words: readonly string[]): SQL {
  if (q.engine !== "postgres") return sql``;
  return sql`${sql.join(
    words.map((word) => sql`strpos(d.search_text, ${word}) > 0`),
    sql` AND `,
  )} AND `;
}

/** A hit's columns from the docs row `d`; the aliases quoted, so PostgreSQL keeps their case. */
const hitColumns = sql.raw(
  `d.customer_id AS id, d.first_name AS "firstName", d.last_name AS "lastName", d.email, d.organisations`,
);

/**
 * ORDER BY lastName, firstName, id as SQLite sorts text (BINARY: UTF-8 bytes, i.e. code points). JavaScript
 * compares UTF-16 code units, which differs only between a surrogate (a code point above U+FFFF) and U+E000–U+FFFF.
 */
const byName = (a: Row, b: Row) =>
  byCodePoint(a.lastName, b.lastName) || byCodePoint(a.firstName, b.firstName) || byCodePoint(a.id, b.id);

export function byCodePoint(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogateX = x >= 0xd800 && x <= 0xdfff;
    const surrogateY = y >= 0xd800 && y <= 0xdfff;
    if (surrogateX !== surrogateY) return surrogateX ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** The engine's plan for a query's search statement (EXPLAIN QUERY PLAN; EXPLAIN on PostgreSQL), for the benchmark. */
export async function explainSearch(db: Db, query: string): Promise<string[]> {
  const words = wordsOf(query);
  if (words.length === 0) return [];
  return db.read(async (r) => {
    const statement =
      ftsQuery(words) === null ? sliceStatement(r, words, 0, SORT_WINDOW) : await searchStatement(r, words);
    if (r.engine === "postgres") {
      const plan = await r.rows<{ "QUERY PLAN": string }>(sql`EXPLAIN (COSTS OFF) ${statement}`);
      return plan.map((row) => row["QUERY PLAN"].trim());
    }
    const plan = await r.rows<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${statement}`);
    return plan.map((row) => row.detail);
  });
}

const wordsOf = (query: string) => query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);

/**
 * The FTS5 query for the words: for every word of three or more characters its rarest trigram, and its second
 * rarest too when that is rare itself, each as an FTS string ("..." with quotes doubled), so no character of the
 * query is FTS syntax. Null when no word is long enough. Any subset of a word's trigrams finds every customer the
 * word matches (the exact check drops the rest), and intersecting a few rare doclists is much cheaper than all
 * of them: "mikko virtanen" with all nine trigrams takes 10 ms at 1M, with "mik" AND "vir" 1.3 ms, because
 * "nen" alone is in most surnames. `share` estimates the share of customers whose text holds a trigram.
 */
export function ftsQuery(words: readonly string[], share: (trigram: string) => number = () => 0): string | null {
  const chosen = new Set<string>();
  for (const word of words) {
    const [rarest, second] = [...new Set(trigramsOf(word))].sort((a, b) => share(a) - share(b));
    if (rarest !== undefined) chosen.add(rarest);
    if (second !== undefined && share(second) < RARE_SHARE) chosen.add(second);
  }
  if (chosen.size === 0) return null;
  return [...chosen].map((t) => `"${t.replaceAll('"', '""')}"`).join(" AND ");
}

/** A second trigram of a word narrows the candidates for less than it costs only when it is this rare. */
const RARE_SHARE = 0.005;
/** A word's trigrams probed for rarity: enough to find the rare ones, a bounded cost for a 100-character word. */
const MAX_PROBES_PER_WORD = 12;

/**
 * The word's trigrams (by Unicode character, as the tokenizer counts), at most MAX_PROBES_PER_WORD spread over it,
 * without those holding a NUL.
 */
export function trigramsOf(word: string): string[] {
  const chars = Array.from(word);
  const count = chars.length - TRIGRAM + 1;
  if (count <= 0) return [];
  const step = Math.max(1, Math.ceil(count / MAX_PROBES_PER_WORD));
  const starts = Array.from({ length: Math.ceil(count / step) }, (_, i) => i * step);
  if (starts.at(-1) !== count - 1) starts.push(count - 1);
  // FTS5 reads its query as a C string: a NUL would end it mid-string ("unterminated string"). Such a trigram is
  // left to the exact check, which compares the whole word.
  return starts.map((i) => chars.slice(i, i + TRIGRAM).join("")).filter((t) => !t.includes("\u0000"));
}

const PROBE_DEPTH = 64;

/**
 * The share of indexed customers whose text holds each trigram the FTS query may choose between (ftsQuery),
 * estimated from the index in microseconds: rowids follow the order customers entered the index, so a trigram's
 * 64th document at rowid 6,400 means about 1 %; fewer than 64 documents counts as 0. A word with a single trigram
 * needs no estimate: that trigram is chosen anyway.
 */
async function indexShares(q: Queries, words: readonly string[]): Promise<(trigram: string) => number> {
  const probed = new Set(
    words.flatMap((word) => {
      const trigrams = [...new Set(trigramsOf(word))];
      return trigrams.length > 1 ? trigrams : [];
    }),
  );
  const shares = new Map<string, number>();
  for (const trigram of probed) {
    // The statement's text is the same for every trigram, so the port prepares it once per connection.
    const nth = await q.row<{ rowid: number }>(
      sql`SELECT rowid FROM customer_search WHERE customer_search MATCH ${`"${trigram.replaceAll('"', '""')}"`}
          ORDER BY rowid LIMIT 1 OFFSET ${sql.raw(String(PROBE_DEPTH - 1))}`,
    );
    shares.set(trigram, nth === undefined ? 0 : PROBE_DEPTH / nth.rowid);
  }
  return (trigram) => shares.get(trigram) ?? 0;
}

type Row = { id: string; firstName: string; lastName: string; email: string; organisations: string | null };

/**
 * The search statement through the index, for words of which at least one is long enough for it (a query of only
 * shorter words is scanned in slices, scanInSlices). Its text depends only on the number of words (and on
 * PostgreSQL on which of them are long enough), so the port prepares each variant once per connection.
 */
async function searchStatement(q: Queries, words: readonly string[]): Promise<SQL> {
  if (q.engine === "postgres") return trigramStatement(q, words);
  const match = ftsQuery(words, await indexShares(q, words));
  // Whether a word is long enough does not depend on the estimates: the callers checked ftsQuery(words).
  if (match === null) throw new Error("the search statement needs a word the trigram index can serve");
  const rule = exactRule(q, words);
  // The inner query walks candidates in rowid order, which FTS5 yields without sorting, and stops at
  // SORT_WINDOW matches; only those are sorted by name.
  const candidates = sql`FROM customer_search s JOIN customer_search_docs d ON d.doc_id = s.rowid
         WHERE customer_search MATCH ${match} AND ${rule} ORDER BY s.rowid`;
  return sql`SELECT id, firstName, lastName, email, organisations FROM (
         SELECT d.customer_id AS id, d.first_name AS firstName, d.last_name AS lastName, d.email, d.organisations
         ${candidates} LIMIT ${sql.raw(String(SORT_WINDOW))}
       ) ORDER BY lastName, firstName, id LIMIT ${sql.raw(String(MAX_HITS))}`;
}

/**
 * The share of indexed customers above which PostgreSQL walks the docs in doc_id order (scanInSlices) instead of
 * asking the trigram index. The index answers with every match, each read from its own page of the table: a
 * surname of the synthetic register (3 % of 1,000,000) meant 16,700 pages and 400–700 ms on the shared bench
 * machine (bench/p4-search, 2026-12-03), while the walk stops at SORT_WINDOW matches, about 30,000 docs read in
 * order. At 1 % the walk reads 100,000 docs at most, still cheaper than 10,000 pages fetched one by one.
 */
export const WALK_SHARE = 0.01;

/**
 * Whether the words are common enough on PostgreSQL to walk the docs in order (WALK_SHARE). The share is the
 * planner's estimate for the words' index condition over its estimate for the whole table: statistics ANALYZE
 * (autovacuum) keeps in the database, so every instance reads the same, and a planning round trip, no execution.
 */
async function commonOnPostgres(db: Db, words: readonly string[]): Promise<boolean> {
  const planned = async (query: SQL) => {
    const row = await db.row<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
      sql`EXPLAIN (FORMAT JSON) ${query}`,
    );
    return row?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
  };
  const all = await planned(sql`SELECT 1 FROM customer_search_docs d`);
  const matching = await planned(sql`SELECT 1 FROM customer_search_docs d WHERE ${indexCondition(words)}`);
  return all > 0 && matching / all >= WALK_SHARE;
}

/**
 * What PostgreSQL's trigram index answers: `search_text LIKE '%word%'` for each word of three or more characters
 * (a shorter word gives the index no trigram and would make it read every entry, so it is left to the exact rule).
 */
function indexCondition(words: readonly string[]): SQL {
  const indexed = words
    .filter((word) => Array.from(word).length >= TRIGRAM)
    .map((word) => sql`d.search_text LIKE ${`%${escapeLike(word)}%`} ESCAPE '\\'`);
  return sql.join(indexed, sql` AND `);
}

/**
 * PostgreSQL's search statement for words that are not common (commonOnPostgres): the GIN trigram index answers
 * indexCondition (a bitmap of the documents holding all of the words' trigrams, rechecked against the pattern), the
 * exact rule drops what only the text as a whole matched (a word spanning the end of one name and the start of the
 * next never does: U+001F separates the fields). The first SORT_WINDOW matches by doc_id, as SQLite's FTS5 yields
 * them, are sorted by name.
 */
function trigramStatement(q: Pick<Queries, "engine">, words: readonly string[]): SQL {
  const byName = sql.join(
    [sql`"lastName"`, sql`"firstName"`, sql`id`].map((column) => codePointOrder(q, column)),
    sql`, `,
  );
  return sql`SELECT id, "firstName", "lastName", email, organisations FROM (
         SELECT ${hitColumns} FROM customer_search_docs d
         WHERE ${indexCondition(words)} AND ${exactRule(q, words)}
         ORDER BY d.doc_id LIMIT ${sql.raw(String(SORT_WINDOW))}
       ) AS m ORDER BY ${byName} LIMIT ${sql.raw(String(MAX_HITS))}`;
}

/** `word` with LIKE's wildcards and the escape character (a backslash) escaped. */
const escapeLike = (word: string) => word.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The exact rule, per word: every word matches the start of a name, or is in the e-mail or an organisation's name. */
function exactRule(q: Pick<Queries, "engine">, words: readonly string[]): SQL {
  // `organisations` joins the names with U+001F, which a query word never holds in practice; LIKE over it is the
  // old per-organisation EXISTS without the join. On SQLite the old lower(...) around the names is gone: SQLite's
  // lower() and LIKE both fold A–Z only, so it changed no answer and cost a copy of every candidate's names.
  // PostgreSQL's LIKE is case-sensitive: the fields are compared lower-cased, as search_text holds them.
  const field = (column: string) => sql.raw(q.engine === "postgres" ? `lower(d.${column})` : `d.${column}`);
  return sql.join(
    words.map((word) => {
      const escaped = escapeLike(word);
      const start = `${escaped}%`;
      const anywhere = `%${escaped}%`;
      return sql`(
        ${field("first_name")} LIKE ${start} ESCAPE '\\' OR ${field("last_name")} LIKE ${start} ESCAPE '\\'
        OR ${field("email")} LIKE ${anywhere} ESCAPE '\\' OR ${field("organisations")} LIKE ${anywhere} ESCAPE '\\'
      )`;
    }),
    sql` AND `,
  );
}
