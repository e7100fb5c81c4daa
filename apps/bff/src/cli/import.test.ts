import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/*
 * `pnpm data:import` as a person runs it: the CLI in a process of its own on a database of its own, with a file named
 * relative to the directory the command was typed in (INIT_CWD, as pnpm sets it).
 */
const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-import-cli-"));
const env = {
  PATH: process.env.PATH ?? "",
  NODE_ENV: "test",
  DATABASE_PATH: path.join(dir, "register.sqlite"),
  MAIL_DIR: path.join(dir, "mail"),
  INIT_CWD: dir,
};

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/import.ts", "--", ...args], {
    cwd: bffDir,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

fs.writeFileSync(
  path.join(dir, "customers.csv"),
  "external_id,first_name,last_name,email,relationship_start\nk-1,Aino,Aalto,aino@example.test,2024-01-01\nk-2,Eino,Eskola,not-an-email,2024-02-01\nk-3,Toivo,Tuomi,,2024-03-01\n",
);
fs.writeFileSync(path.join(dir, "semicolons.csv"), "external_id;first_name\nk-1;Aino\n");

describe("pnpm data:import", () => {
  it("refuses a file with a bad row (exit 1), naming the line and the reason in the chosen language", () => {
    const en = cli("--file", "customers.csv", "--system", "CRM");
    expect(en.code).toBe(1);
    expect(en.out).toContain("REFUSED");
    expect(en.out).toContain("System: CRM (new, registered by this import)");
    expect(en.out).toMatch(/line 3 k-2 \[email\]: refused: Enter a valid e-mail address\./);
    const fi = cli("--file", "customers.csv", "--system", "CRM", "--dry-run", "--lang", "fi");
    expect(fi.code).toBe(0);
    expect(fi.out).toContain("kokeiluajo");
    expect(fi.out).toContain("Anna kelvollinen sähköpostiosoite.");
  });

  it("applies the valid rows with --accept-valid (exit 0) and says the system already existed", () => {
    const r = cli("--file", "customers.csv", "--system", "CRM", "--accept-valid");
    expect(r.code).toBe(0);
    expect(r.out).toContain("customers.csv: done");
    expect(r.out).not.toContain("registered by this import");
    expect(r.out).toMatch(/new: 2\n/);
    expect(r.out).toMatch(/refused: 1\n/);
  });

  it("reports a wrong delimiter, and refuses a missing file or a missing --file as a wrong command", () => {
    const semi = cli("--file", "semicolons.csv");
    expect(semi.code).toBe(1);
    expect(semi.out).toContain("The columns are not separated by commas");
    expect(cli("--file", "nope.csv").code).toBe(2);
    expect(cli("--dry-run").code).toBe(2);
  });
});
