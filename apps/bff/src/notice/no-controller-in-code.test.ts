import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readNoticeFile } from "./notice.ts";

/*
 * Issue 15: "a search for the demo controller's name, address, phone and e-mail in apps/*\/src, apps/bff/src and the
 * built apps finds nothing". The controller is configuration (NOTICE_FILE); the apps render the notice the BFF serves.
 * This test reads what to look for from the demo notice itself, so it names no controller either, and scans the
 * sources and, once `pnpm build` has run, the built apps. packages/domain/src may read notices/ in its test
 * fixture only (notice-fixture.ts), which nothing outside the domain's tests imports.
 */

const root = path.resolve(import.meta.dirname, "../../../..");
const { notice } = readNoticeFile(path.join(root, "notices/mastermark.json"));

/** What must not appear: each detail of the controller and its contact person, and the phone without spaces. */
const needles = [
  ...new Set(
    [notice.controller, notice.contactPerson].flatMap((c) => [
      c.name,
      c.streetAddress,
      c.phone,
      c.phone.replace(/\s+/g, ""),
      c.email,
    ]),
  ),
].map((text) => ({ text, lower: text.toLowerCase() }));

const sourceRoots = ["apps/portal/src", "apps/staff/src", "apps/bff/src", "packages/ui/src"];
const builtRoots = ["apps/portal/dist", "apps/staff/dist", "apps/bff/dist"];

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every "file: text" found; a file is read as text (a built image simply holds none of the needles). */
function findings(roots: readonly string[]): string[] {
  const found: string[] = [];
  for (const r of roots) {
    const dir = path.join(root, r);
    if (!fs.existsSync(dir)) continue;
    for (const file of filesUnder(dir)) {
      const text = fs.readFileSync(file, "utf8").toLowerCase();
      for (const needle of needles) {
        if (text.includes(needle.lower)) found.push(`${path.relative(root, file)}: "${needle.text}"`);
      }
    }
  }
  return found;
}

describe("no controller in the code (issue 15)", () => {
  it("looks for something real: the demo notice's controller and contact person", () => {
    expect(needles.length).toBeGreaterThanOrEqual(5);
    expect(needles.every((n) => n.text.length >= 5)).toBe(true);
    // The scan itself finds a needle where one is (the notice file), so an empty result below means something.
    expect(fs.readFileSync(path.join(root, "notices/mastermark.json"), "utf8")).toContain(notice.controller.name);
  });

  it("finds none of them in the apps', the BFF's or the shared UI's sources", () => {
    expect(findings(sourceRoots)).toEqual([]);
  });

  it("finds none of them in the built apps (when built)", () => {
    expect(findings(builtRoots)).toEqual([]);
  });
});
