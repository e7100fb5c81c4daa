import fs from "node:fs";
import path from "node:path";
import { categoriesInOrder, dataCategoryIds, exportDocumentSchema } from "@tietoni/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { repoRoot } from "../env.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { mailFromOf, readNoticeFile, registerDescription } from "./notice.ts";
import { NOTICE_SCHEMA_FILE, noticeSchemaText } from "./notice-schema-file.ts";

/*
 * Issue 15 C: the shipped notice files and their published JSON Schema. The second file (Nordwind Tools Ltd, a
 * made-up controller) proves that another controller needs nothing but its own file.
 */
const noticesDir = path.join(repoRoot, "notices");
const SECOND_NOTICE_FILE = path.join(noticesDir, "nordwind.json");
/** The demo controller's identifying details (read from its file), which the second controller's output never carries. */
const demo = readNoticeFile(path.join(noticesDir, "mastermark.json")).notice;
const demoController = [
  demo.controller.name,
  demo.controller.email,
  demo.controller.streetAddress,
  demo.controller.phone,
  demo.contactPerson.name,
  demo.contactPerson.email,
];
/** The demo controller's details a text carries (none, for the second controller). */
const demoDetailsIn = (text: string) => demoController.filter((detail) => text.includes(detail));

describe("the shipped notice files", () => {
  it("validates every file in notices/ and each names the committed JSON Schema", () => {
    const files = fs.readdirSync(noticesDir).filter((f) => f.endsWith(".json"));
    expect(files).toEqual(expect.arrayContaining(["mastermark.json", "nordwind.json"]));
    for (const file of files) {
      const { text } = readNoticeFile(path.join(noticesDir, file));
      expect(JSON.parse(text).$schema, file).toBe("../docs/notice.schema.json");
    }
  });

  it("makes the second file another controller: English first, its own purposes, recipients and retention", () => {
    const demo = readNoticeFile(path.join(noticesDir, "mastermark.json")).notice;
    const { notice, text } = readNoticeFile(SECOND_NOTICE_FILE);
    expect(demoDetailsIn(text)).toEqual([]);
    expect(notice.controller.name).toBe("Nordwind Tools Ltd");
    expect(notice.defaultLanguage).toBe("en");
    expect(demo.defaultLanguage).toBe("fi");
    // Purposes and recipients of its own: none of the demo's ids but the staff every controller has.
    const demoPurposes = new Set(demo.purposes.map((p) => p.id));
    expect(notice.purposes.filter((p) => demoPurposes.has(p.id))).toEqual([]);
    expect(Object.keys(notice.recipients).filter((r) => Object.hasOwn(demo.recipients, r))).toEqual([
      "controllerStaff",
    ]);
    expect(new Set(notice.purposes.map((p) => p.legalBasis.article)).size).toBeGreaterThan(1);
    expect(notice.purposes.find((p) => p.kind === "marketing")?.legalBasis.article).toBe("6(1)(a)");
    expect(notice.retention).toMatchObject({ years: 6, relationshipEndsAfterMonths: 36 });
    expect(demo.retention.years).not.toBe(6);
    expect(notice.cookies.consent).toBe("banner");
    expect(notice.transferSafeguards?.en).toMatch(/standard contractual clauses/);
    // One category left out, one renamed; sources left out too.
    expect(categoriesInOrder(notice)).not.toContain("www");
    expect(categoriesInOrder(notice)).toHaveLength(dataCategoryIds.length - 1);
    expect(notice.dataCategories.name?.name.en).toBe("Full name");
    expect(notice.dataCategories.name?.name.en).not.toBe(demo.dataCategories.name?.name.en);
    expect(notice.sources.updateService).toBeUndefined();
  });
});

describe("the notice's JSON Schema (docs/notice.schema.json)", () => {
  const schema = () => JSON.parse(fs.readFileSync(NOTICE_SCHEMA_FILE, "utf8"));

  it("keeps the committed schema equal to the one generated from the domain", () => {
    const committed = fs.existsSync(NOTICE_SCHEMA_FILE) ? fs.readFileSync(NOTICE_SCHEMA_FILE, "utf8") : "";
    expect(committed, "docs/notice.schema.json is out of date; regenerate it: pnpm notice:schema").toBe(
      noticeSchemaText(),
    );
  });

  it("is draft 2020-12, lists the register's data categories and no others, and refuses unknown fields", () => {
    const s = schema();
    expect(s.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.formatVersion.const).toBe(1);
    const categories = s.properties.dataCategories;
    expect(Object.keys(categories.properties)).toEqual([...dataCategoryIds]);
    expect(categories.additionalProperties).toBe(false);
    expect(categories.required ?? []).toEqual([]);
    // The author's side: a default (branding) is optional to write.
    expect(s.required).not.toContain("branding");
    expect(s.required).toEqual(expect.arrayContaining(["controller", "purposes", "rights", "supervisoryAuthority"]));
  });

  it("accepts both shipped files as an editor would check them, and refuses an added category or a misspelt field", () => {
    // The committed schema read back as a validator (zod's JSON Schema reader): what an editor or CI of the
    // controller's own would run against a file.
    const validator = z.fromJSONSchema(schema());
    for (const name of ["mastermark.json", "nordwind.json"]) {
      const file = JSON.parse(fs.readFileSync(path.join(noticesDir, name), "utf8"));
      expect(validator.safeParse(file).success, name).toBe(true);
    }
    const added = JSON.parse(fs.readFileSync(SECOND_NOTICE_FILE, "utf8"));
    added.dataCategories.shoeSize = added.dataCategories.name;
    expect(validator.safeParse(added).error?.issues.map((i) => i.path.join("."))).toEqual(["dataCategories"]);
    const misspelt = JSON.parse(fs.readFileSync(SECOND_NOTICE_FILE, "utf8"));
    misspelt.controller.mail = misspelt.controller.email;
    delete misspelt.controller.email;
    expect(validator.safeParse(misspelt).success).toBe(false);
  });
});

describe("a server started with the second controller's file", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ NOTICE_FILE: SECOND_NOTICE_FILE });
  });
  afterAll(() => t.close());

  it("serves that controller: mail from it, signed by it, and the export names it", async () => {
    expect(registerDescription.controller.name).toBe("Nordwind Tools Ltd");
    expect(mailFromOf(t.env)).toBe("Nordwind Tools Ltd <privacy@nordwind.example.com>");
    const cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const mail = t.sent.findLast((m) => m.to === DEMO_CUSTOMER_EMAIL);
    expect(mail?.text).toContain("Nordwind Tools Ltd");
    expect(demoDetailsIn(`${mail?.subject}\n${mail?.text}`)).toEqual([]);

    const res = await t.portal.request("/api/portal/export/json", { headers: { cookie } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const doc = exportDocumentSchema.parse(JSON.parse(text));
    expect(doc.register.controller.name).toBe("Nordwind Tools Ltd");
    expect(demoDetailsIn(text)).toEqual([]);
  });
});
