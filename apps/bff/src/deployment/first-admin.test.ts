import { execFile } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../env.ts";

/*
 * Issue 15 G: the deployment guide's first steps in production — `create-admin` on a new database, then
 * `pnpm audit:verify` — with the installation's own audit keys. The command wrote its `staff.created` entry under the
 * demo key (it never configured the audit trail), so the production trail did not verify from its first entry.
 */

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-first-admin-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const productionEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: "production",
  PORTAL_ORIGIN: "https://omat.example.fi",
  STAFF_ORIGIN: "https://tietoni.sisainen.example.fi",
  SMTP_URL: "smtp://127.0.0.1:1",
  MAIL_FROM: "Tietosuoja <tietosuoja@example.fi>",
  NOTICE_FILE: "notices/mastermark.json",
  DATABASE_PATH: path.join(dir, "register.sqlite"),
  STATE_DIR: path.join(dir, "state"),
  SUPPRESSION_KEY: randomBytes(32).toString("base64url"),
  AUDIT_HMAC_KEY: randomBytes(32).toString("base64url"),
  AUDIT_SIGNING_KEY: generateKeyPairSync("ed25519")
    .privateKey.export({ type: "pkcs8", format: "der" })
    .toString("base64"),
};

const cli = (script: string, args: string[], extra: Record<string, string> = {}) =>
  run(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: path.join(repoRoot, "apps/bff"),
    env: { ...productionEnv, ...extra },
  });

describe("the first administrator in production", () => {
  it("is created by create-admin under the installation's own audit keys, and the trail then verifies", async () => {
    const created = await cli(
      "src/cli/create-admin.ts",
      ["--username", "hilkka", "--name", "Hilkka Koskinen", "--confidentiality-signed", "2024-01-15"],
      { TIETONI_ADMIN_PASSWORD: "a-long-enough-password-1" },
    );
    expect(created.stdout).toContain("administrator hilkka created");
    const verified = await cli("src/cli/audit-verify.ts", []).catch((err: { stdout: string; code: number }) => err);
    expect(verified.stdout).toMatch(/entries: [1-9]/);
    // Exit 0: intact, with the configured key (a rejection carries the exit code and the report).
    expect("code" in verified ? verified.code : 0).toBe(0);
  }, 60_000);
});
