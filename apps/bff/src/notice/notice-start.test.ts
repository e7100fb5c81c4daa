import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../env.ts";

/*
 * Issue 15 C: a wrong notice file stops the real entry before it listens, and `pnpm notice:validate` says the same
 * before a deployment. Both run as an operator runs them: a process of their own, on a broken copy of a shipped file.
 */
const bffDir = path.join(repoRoot, "apps/bff");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-notice-start-"));
const broken = path.join(dir, "broken.json");
const file = JSON.parse(fs.readFileSync(path.join(repoRoot, "notices/nordwind.json"), "utf8"));
file.controller.email = "not an address";
file.dataCategories.shoeSize = file.dataCategories.name;
delete file.supervisoryAuthority.web;
fs.writeFileSync(broken, JSON.stringify(file, null, 2));
/*
 * References between fields (a category's purposes and recipients) are checked once every field has its shape: zod
 * runs the object's refinement only on a value that parsed. A file with only a wrong reference shows it at once.
 */
const danglingRecipient = path.join(dir, "dangling-recipient.json");
const file2 = JSON.parse(fs.readFileSync(path.join(repoRoot, "notices/nordwind.json"), "utf8"));
file2.dataCategories.email.recipients.push("dataBroker");
fs.writeFileSync(danglingRecipient, JSON.stringify(file2, null, 2));
const wrongPaths = ["controller.email", "dataCategories.shoeSize", "supervisoryAuthority.web"];

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", ...args], {
    cwd: bffDir,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", INIT_CWD: dir, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("a wrong notice file", () => {
  it("stops the server before it listens, naming the path of each wrong field", () => {
    const r = run(["src/index.ts"], {
      NOTICE_FILE: broken,
      DATABASE_PATH: path.join(dir, "register.sqlite"),
      MAIL_DIR: path.join(dir, "mail"),
      // Ports of this test's own; nothing may listen on them.
      PORTAL_PORT: "3238",
      STAFF_PORT: "3239",
      RETENTION_SCHEDULE: "false",
    });
    expect(r.code, r.out).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.err).toContain(`NOTICE_FILE ${broken} is not a valid privacy notice`);
    for (const p of wrongPaths) expect(r.err).toMatch(new RegExp(`^\\s+- ${p.replace(/\./g, "\\.")}: `, "m"));
    expect(r.err).toMatch(/shoeSize: "shoeSize" is not a data category/);
    expect(r.out).not.toContain("tietoni portal:");
  });

  it("is refused by pnpm notice:validate with each path and exit 1; a shipped file is valid (exit 0)", () => {
    const wrong = run(["src/cli/notice-validate-file.ts", "--", "--file", "broken.json"]);
    expect(wrong.code).toBe(1);
    for (const p of wrongPaths) expect(wrong.err).toMatch(new RegExp(`^\\s+${p.replace(/\./g, "\\.")}: `, "m"));
    expect(wrong.out).toBe("");

    const valid = run([
      "src/cli/notice-validate-file.ts",
      "--",
      "--file",
      path.join(repoRoot, "notices/nordwind.json"),
    ]);
    expect(valid.code).toBe(0);
    expect(valid.out).toMatch(/^valid: .*nordwind\.json \(Nordwind Tools Ltd, 2025-09-01\)$/m);

    const dangling = run(["src/cli/notice-validate-file.ts", "--file", "dangling-recipient.json"]);
    expect(dangling.code).toBe(1);
    expect(dangling.err).toMatch(
      /^\s+dataCategories\.email\.recipients\.2: recipient "dataBroker" is not in "recipients"$/m,
    );

    const notJson = path.join(dir, "not-json.json");
    fs.writeFileSync(notJson, "{ controller: ");
    const unreadable = run(["src/cli/notice-validate-file.ts", "--file", notJson]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.err).toMatch(/\(the file\): not JSON/);

    expect(run(["src/cli/notice-validate-file.ts"]).code).toBe(2);
  });
});
