import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_KEYS, repoRoot } from "../env.ts";

/*
 * Issue 15 G: the deployment guide describes every environment variable. A setting added to env.ts without a row in
 * docs/deployment.md fails here, named, so the guide cannot fall behind the schema.
 */
const guide = fs.readFileSync(path.join(repoRoot, "docs/deployment.md"), "utf8");

/** The variables named in the first cell of a row of the guide's table ("`A` / `B`" names two). */
function documentedVariables(markdown: string): Set<string> {
  const section = markdown.split(/^## Every environment variable$/m)[1]?.split(/^## /m)[0] ?? "";
  const names = new Set<string>();
  for (const line of section.split("\n")) {
    const firstCell = line.match(/^\|([^|]*)\|/)?.[1] ?? "";
    for (const m of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) if (m[1]) names.add(m[1]);
  }
  return names;
}

describe("docs/deployment.md", () => {
  it("has a row for every environment variable of apps/bff/src/env.ts", () => {
    const documented = documentedVariables(guide);
    const missing = ENV_KEYS.filter((key) => !documented.has(key));
    expect(missing, `add rows to docs/deployment.md › "Every environment variable" for: ${missing.join(", ")}`).toEqual(
      [],
    );
    // And none for a setting env.ts does not read (a renamed or removed one).
    const unknown = [...documented].filter((name) => !ENV_KEYS.includes(name));
    expect(unknown, `docs/deployment.md names settings env.ts does not read: ${unknown.join(", ")}`).toEqual([]);
  });

  it("links the nginx example it describes, which exists", () => {
    expect(guide).toContain("(../deploy/nginx/tietoni.conf)");
    expect(fs.existsSync(path.join(repoRoot, "deploy/nginx/tietoni.conf"))).toBe(true);
  });
});
