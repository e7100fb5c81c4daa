import fs from "node:fs";
import path from "node:path";
import { interchangeCsvColumns, UPDATED_AT } from "@tietoni/domain";
import { describe, expect, it } from "vitest";
import { INTERCHANGE_SCHEMA_FILES } from "./schema-files.ts";

describe("the interchange format's published JSON Schemas", () => {
  it("are committed exactly as generated from the domain's zod schemas", () => {
    for (const { file, text } of INTERCHANGE_SCHEMA_FILES) {
      const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
      expect(
        committed,
        `docs/schema/${path.basename(file)} is out of date; regenerate it: pnpm --filter @tietoni/bff schema:interchange`,
      ).toBe(text());
    }
  });

  it("name every documented CSV column, and only those", () => {
    const csv = INTERCHANGE_SCHEMA_FILES.find((f) => f.file.endsWith("customers-csv.schema.json"));
    const columns = Object.keys(JSON.parse(csv?.text() ?? "{}").properties).sort();
    expect(columns).toEqual([...interchangeCsvColumns, UPDATED_AT].sort());
  });
});
