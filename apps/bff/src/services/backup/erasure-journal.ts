import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type DataCategoryId, dataCategoryIds } from "@tietoni/domain";

/*
 * Issue 15 F — the erasure journal. A backup keeps the people erased after it was taken; restoring it would bring
 * them back. So every erasure (whole, partial, by retention, a partial erasure's remainder) is also written, after
 * its commit, to an append-only file outside the database (STATE_DIR, shared storage when several instances serve
 * one register), and at start every journalled erasure the database no longer shows is carried out again
 * (backup/replay.ts). The journal holds no personal data: the customer as a keyed hash of the record's id (HMAC under
 * the audit key, so the file alone cannot be matched against ids), the time, the kind and the category ids.
 */

export type JournalKind = "full" | "partial" | "retention" | "remainder";

export type JournalEntry = {
  v: 1;
  /** The erasure's own time (`now` of its transaction): a partial erasure's row carries the same. */
  at: number;
  kind: JournalKind;
  /** HMAC-SHA256 of the customer id under the journal key, base64url. */
  customer: string;
  erased: DataCategoryId[];
  /** What a partial erasure kept (empty for every other kind). */
  kept: DataCategoryId[];
};

export const JOURNAL_FILE_NAME = "erasure-journal.ndjson";

export function journalFileOf(stateDir: string): string {
  return path.join(stateDir, JOURNAL_FILE_NAME);
}

/** The keyed hash of a customer id; a context string keeps it apart from any other HMAC under the same key. */
export function customerHash(key: string, customerId: string): string {
  return crypto.createHmac("sha256", key).update(`tietoni/erasure-journal\u0000${customerId}`).digest("base64url");
}

/** What a journal entry for an erasure keeping `kept` says was erased (every category but the kept). */
export function erasedCategories(kept: readonly DataCategoryId[]): DataCategoryId[] {
  return dataCategoryIds.filter((c) => !kept.includes(c));
}

/**
 * Appends one entry and fsyncs it before returning: the caller's erasure is journalled once this returns. Synchronous
 * on purpose, so it completes inside the after-commit hook before the erasure's caller hears "done". A line left
 * torn by a crash mid-write is closed first, so it spoils itself alone, not the entry after it.
 */
export function appendJournalEntry(file: string, entry: JournalEntry): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, "a+");
  try {
    const { size } = fs.fstatSync(fd);
    let prefix = "";
    if (size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = "\n";
    }
    fs.writeSync(fd, `${prefix}${JSON.stringify(entry)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const kinds: readonly JournalKind[] = ["full", "partial", "retention", "remainder"];

function isEntry(value: unknown): value is JournalEntry {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  const categories = (v: unknown) =>
    Array.isArray(v) && v.every((c) => (dataCategoryIds as readonly unknown[]).includes(c));
  return (
    e.v === 1 &&
    typeof e.at === "number" &&
    kinds.includes(e.kind as JournalKind) &&
    typeof e.customer === "string" &&
    categories(e.erased) &&
    categories(e.kept)
  );
}

/** Every readable entry in order, and how many lines could not be read (a torn line after a crash). */
export function readJournal(file: string): { entries: JournalEntry[]; unreadable: number } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], unreadable: 0 };
    throw error;
  }
  const entries: JournalEntry[] = [];
  let unreadable = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isEntry(parsed)) entries.push(parsed);
      else unreadable++;
    } catch {
      unreadable++;
    }
  }
  return { entries, unreadable };
}

/** The journal as the process writes it: configured once by createDeps; tests that build no deps journal nothing. */
let configured: { file: string; key: string } | null = null;

export function configureErasureJournal(options: { stateDir: string; key: string } | null): void {
  configured = options ? { file: journalFileOf(options.stateDir), key: options.key } : null;
}

/**
 * Journals one committed erasure (anonymise.ts calls it from the erasure's after-commit hook). A failure is thrown to
 * that hook, which logs it: the erasure itself stands, but the log says it would not survive a restore.
 */
export function journalErasure(
  customerId: string,
  erasure: { at: number; kind: JournalKind; kept: readonly DataCategoryId[] },
): void {
  if (!configured) return;
  appendJournalEntry(configured.file, {
    v: 1,
    at: erasure.at,
    kind: erasure.kind,
    customer: customerHash(configured.key, customerId),
    erased: erasedCategories(erasure.kept),
    kept: dataCategoryIds.filter((c) => erasure.kept.includes(c)),
  });
}
