import fs from "node:fs";
import path from "node:path";
import { openRegister } from "../apps/bff/src/db/open.ts";
import { parseEnv } from "../apps/bff/src/env.ts";
import { E2E_SECOND_STATE_DIR, E2E_STATE_DIR, e2eEnv, e2eLogFile, secondControllerEnv } from "./e2e-env.ts";
import { demoSeedPersonalData, type Finding, personalDataIn, problemsOf, scanLogFile } from "./log-scan.ts";

/**
 * Issue 15 E: after every e2e run, every line each server wrote is scanned for personal data (log-scan.ts). One
 * entry per server (its state dir and register), so a second server (another controller's notice) adds its own.
 * A finding fails the run and names the file, the line and what it holds.
 */
const servers = [
  { stateDir: E2E_STATE_DIR, env: e2eEnv },
  // Issue 15 C: the second controller's server.
  { stateDir: E2E_SECOND_STATE_DIR, env: secondControllerEnv },
];
const root = path.resolve(import.meta.dirname, "..");

export default async function globalTeardown() {
  const seeded = await demoSeedPersonalData();
  // The scanner must catch what it looks for, or a pass would mean nothing.
  if (problemsOf('{"msg":"request","note":"asiakas@example.com"}', seeded).length === 0) {
    throw new Error("log scan: the scanner does not recognise an e-mail address");
  }
  const findings: Finding[] = [];
  for (const server of servers) {
    const file = path.join(root, e2eLogFile(server.stateDir));
    if (!fs.existsSync(file)) throw new Error(`log scan: ${file} was not written (see the webServer command)`);
    // Its register as the server had it: the SQLite file, or the PostgreSQL database (issue 16).
    const db = await openRegister(parseEnv({ ...process.env, ...server.env }));
    let needles: string[];
    try {
      needles = [...new Set([...seeded, ...(await personalDataIn(db))])];
    } finally {
      await db.close();
    }
    const scanned = scanLogFile(file, needles);
    if (scanned.lines === 0) throw new Error(`log scan: ${file} is empty`);
    findings.push(...scanned.findings);
    console.info(`log scan: ${scanned.lines} lines of ${file}, ${scanned.findings.length} finding(s)`);
  }
  if (findings.length > 0) {
    const listed = findings.slice(0, 20).map((f) => `  ${f.file}:${f.line}: ${f.what}\n    ${f.text.slice(0, 300)}`);
    throw new Error(`log scan: personal data or non-JSON lines in the server logs:\n${listed.join("\n")}`);
  }
}
