import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../apps/bff/src/db/client.ts";
import type { Db } from "../apps/bff/src/db/port.ts";
import { billingDetails, customers } from "../apps/bff/src/db/schema.ts";
import { DEMO_ADMIN_TOTP_SECRET, DEMO_AGENT_TOTP_SECRET, seedDemo } from "../apps/bff/src/db/seed-demo.ts";

/*
 * Issue 15 E: "a scan of every log line written during the e2e run finds no personal data". Every line a server
 * wrote (its stdout and stderr, teed into `<state dir>/bff.log` by the webServer command) must be JSON, and none may
 * hold an e-mail address, a phone number, a sign-in or authenticator code, a token, or the name, address or phone
 * of a customer — the demo seed's (seeded again into a scratch database, so the list is the seed's own even after
 * the run erased one of them) and every customer the tests created (read from the run's register).
 */

/** Patterns no line may match, whatever customer it is about (erased customers are no longer in the register). */
const PATTERNS: { what: string; re: RegExp }[] = [
  { what: "an e-mail address", re: /[^\s"'<>@,;:()]+@[^\s"'<>@,;:()]+\.[a-z]{2,}/i },
  { what: "a phone number", re: /\+\d[\d ]{6,}\d/ },
  // Standalone digits only: not inside a UUID, a time or a number with a fraction.
  { what: "a sign-in code", re: /(?<![\w.:-])\d{4} \d{4}(?![\w.:-])/ },
  { what: "an authenticator or confirmation code", re: /(?<![\w.:-])\d{6,8}(?![\w.:-])/ },
  // Session, link and API tokens are lower-case base32 of 15+ bytes (auth/tokens.ts).
  { what: "a token", re: /(?<![A-Za-z0-9])[a-z2-7]{24,}(?![A-Za-z0-9])/ },
];

/** The demo's authenticator keys are printed at start by design (demo only, README): the one known exception. */
const ALLOWED = [DEMO_ADMIN_TOTP_SECRET, DEMO_AGENT_TOTP_SECRET];

export type Finding = { file: string; line: number; what: string; text: string };

/** Names, addresses, e-mail addresses and phones of every customer in a register, as exact strings to look for. */
export async function personalDataIn(db: Db): Promise<string[]> {
  const rows = await db.read((r) =>
    r
      .select({
        first: customers.firstName,
        last: customers.lastName,
        email: customers.email,
        phone: customers.phone,
        street: customers.street,
      })
      .from(customers),
  );
  const billing = await db.read((r) =>
    r.select({ name: billingDetails.billingName, street: billingDetails.street }).from(billingDetails),
  );
  const needles = new Set<string>();
  const add = (value: string | null | undefined) => {
    // Short values ("Oy", a two-letter name) would match ordinary text; they are caught by nothing else either.
    if (value && value.trim().length >= 5) needles.add(value.trim());
  };
  for (const c of rows) {
    add(`${c.first} ${c.last}`);
    add(c.email);
    add(c.phone);
    add(c.street);
  }
  for (const b of billing) {
    add(b.name);
    add(b.street);
  }
  return [...needles];
}

/** The demo seed's customers, from a scratch copy of the seed (the run's own register may have erased some). */
export async function demoSeedPersonalData(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-log-scan-"));
  const db = await openDatabase(path.join(dir, "seed.sqlite"));
  try {
    await seedDemo(db);
    return await personalDataIn(db);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What is wrong with one line: not JSON, a pattern, or one of the known customers' data (case-insensitive). */
export function problemsOf(text: string, needles: readonly string[]): string[] {
  const problems: string[] = [];
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) problems.push("not a JSON object");
  } catch {
    problems.push("not JSON");
  }
  let checked = text;
  for (const allowed of ALLOWED) checked = checked.replaceAll(allowed, "");
  for (const { what, re } of PATTERNS) if (re.test(checked)) problems.push(what);
  const lower = checked.toLowerCase();
  for (const needle of needles) if (lower.includes(needle.toLowerCase())) problems.push(`a customer's "${needle}"`);
  return problems;
}

export function scanLogFile(file: string, needles: readonly string[]): { lines: number; findings: Finding[] } {
  const findings: Finding[] = [];
  const lines = fs.readFileSync(file, "utf8").split("\n");
  let count = 0;
  lines.forEach((text, i) => {
    if (text.trim() === "") return;
    count += 1;
    for (const what of problemsOf(text, needles)) findings.push({ file, line: i + 1, what, text });
  });
  return { lines: count, findings };
}
