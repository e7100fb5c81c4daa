import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appendJournalEntry, customerHash, type JournalEntry, readJournal } from "./erasure-journal.ts";

const entry = (customer: string): JournalEntry => ({
  v: 1,
  at: 1,
  kind: "full",
  customer,
  erased: ["name", "email"],
  kept: [],
});

describe("the erasure journal", () => {
  it("keeps the entry after a line torn by a crash: the torn line alone is unreadable", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-journal-"));
    try {
      const file = path.join(dir, "state", "erasure-journal.ndjson");
      appendJournalEntry(file, entry("a"));
      fs.appendFileSync(file, '{"v":1,"at":2,"ki'); // a crash mid-write
      appendJournalEntry(file, entry("b"));
      expect(readJournal(file)).toEqual({ entries: [entry("a"), entry("b")], unreadable: 1 });
      expect(readJournal(path.join(dir, "none.ndjson"))).toEqual({ entries: [], unreadable: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names a customer by a keyed hash: another key gives another hash, and the id is not in it", () => {
    const key = "k".repeat(32);
    expect(customerHash(key, "c0000001")).toBe(customerHash(key, "c0000001"));
    expect(customerHash(key, "c0000001")).not.toBe(customerHash("x".repeat(32), "c0000001"));
    expect(customerHash(key, "c0000001")).not.toContain("c0000001");
  });
});
