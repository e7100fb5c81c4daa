import { describe, expect, it } from "vitest";
import demoNoticeFile from "../../../../notices/mastermark.json" with { type: "json" };
import secondNoticeFile from "../../../../notices/nordwind.json" with { type: "json" };
import type { Localized } from "../i18n/localized.ts";
import { RETENTION_YEARS } from "../retention/retention.ts";
import { dataCategoryIds, sourceIds } from "./ids.ts";
import { demoNotice as registerDescription } from "./notice-fixture.ts";
import {
  categoriesInOrder,
  legalBasesOf,
  parseRegisterDescription,
  purposesOf,
  rightIds,
} from "./register-description.ts";

const recipientIds = Object.keys(registerDescription.recipients);
/** Every category of the demo notice (it omits none). */
const category = (id: (typeof dataCategoryIds)[number]) => {
  const c = registerDescription.dataCategories[id];
  if (!c) throw new Error(`the demo notice omits ${id}`);
  return c;
};

type Found = { path: string; value: unknown };

function isLocalized(value: unknown): value is Localized {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort();
  return keys.length === 2 && keys[0] === "en" && keys[1] === "fi";
}

/** Every value in the description with its path, so a failure names the offending field. */
function walk(value: unknown, path: string, out: Found[] = []): Found[] {
  out.push({ path, value });
  if (isLocalized(value)) return out;
  if (typeof value === "object" && value !== null) {
    const array = Array.isArray(value);
    for (const [key, child] of Object.entries(value)) walk(child, array ? `${path}[${key}]` : `${path}.${key}`, out);
  }
  return out;
}

const all = walk(registerDescription, "registerDescription");
const localized = all.filter((f): f is { path: string; value: Localized } => isLocalized(f.value));
const strings = all.flatMap((f) =>
  isLocalized(f.value)
    ? [
        { path: `${f.path}.fi`, value: f.value.fi },
        { path: `${f.path}.en`, value: f.value.en },
      ]
    : typeof f.value === "string"
      ? [{ path: f.path, value: f.value }]
      : [],
);

describe("register description: texts", () => {
  it("finds a meaningful number of bilingual texts (the walk works)", () => {
    expect(localized.length).toBeGreaterThan(50);
  });

  it("has non-empty Finnish and English for every localized text", () => {
    const empty = localized.filter(({ value }) => value.fi.trim() === "" || value.en.trim() === "");
    expect(empty.map((f) => f.path)).toEqual([]);
  });

  it("has a translated English text, not a copy of the Finnish", () => {
    // Proper nouns (names, e-mails) are plain strings, so every Localized text must actually differ.
    const untranslated = localized.filter(({ value }) => value.fi.trim() === value.en.trim());
    expect(untranslated.map((f) => f.path)).toEqual([]);
  });

  it("contains no HTML, since both apps render the strings as text", () => {
    const html = strings.filter(({ value }) => /<\/?[a-z][^>]*>/i.test(value));
    expect(html.map((f) => f.path)).toEqual([]);
  });

  it("has no surrounding whitespace or doubled spaces from string concatenation", () => {
    const sloppy = strings.filter(({ value }) => value !== value.trim() || value.includes("  "));
    expect(sloppy.map((f) => f.path)).toEqual([]);
  });

  it("fixes the notice's obvious typos", () => {
    const typos = ["luottihakemu", "yorganisaation", "katseluaajat"];
    const found = strings.filter(({ value }) => typos.some((typo) => value.toLowerCase().includes(typo)));
    expect(found.map((f) => f.path)).toEqual([]);
  });
});

describe("register description: the notice's facts", () => {
  it("names the controller from the notice", () => {
    expect(registerDescription.controller).toEqual({
      name: "Mastermark Oy",
      streetAddress: "Piiskakuja 7",
      postalCode: "20380",
      city: "Turku",
      phone: "+358 46 851 2316",
      email: "heli.ahonen@mastermark.fi",
    });
  });

  it("names Heli Ahonen as the register's contact person at the controller's address", () => {
    const { name, ...rest } = registerDescription.contactPerson;
    const { name: _controllerName, ...controllerRest } = registerDescription.controller;
    expect(name).toBe("Heli Ahonen");
    expect(rest).toEqual(controllerRest);
  });

  it("dates the notice 28.4.2021 and bases processing on a contract", () => {
    expect(registerDescription.noticeDate).toBe("2021-04-28");
    expect(registerDescription.legalBasis.article).toBe("6(1)(b)");
    expect(registerDescription.registerName).toEqual({ fi: "Asiakasrekisteri", en: "Customer register" });
  });

  it("keeps data 10 years, in step with the retention rule", () => {
    expect(registerDescription.retention.years).toBe(10);
    expect(registerDescription.retention.years).toBe(RETENTION_YEARS);
  });

  it("lists the four kinds of data the cookies collect", () => {
    expect(registerDescription.cookies.collected).toHaveLength(4);
  });

  it("gives the supervisory authority's contact details", () => {
    const authority = registerDescription.supervisoryAuthority;
    expect(authority.email).toBe("tietosuoja@om.fi");
    expect(authority.name.fi).toBe("Tietosuojavaltuutetun toimisto");
    expect(authority.phone).toBe("+358 29 566 6700");
    expect(authority.web).toMatch(/^https:\/\//);
  });
});

describe("register description: purposes and data categories", () => {
  const purposeIds = registerDescription.purposes.map((p) => p.id);

  it("has unique purpose ids", () => {
    expect(new Set(purposeIds).size).toBe(purposeIds.length);
  });

  it("describes exactly the data categories of ids.ts", () => {
    expect(Object.keys(registerDescription.dataCategories).sort()).toEqual([...dataCategoryIds].sort());
  });

  it.each(dataCategoryIds)("category %s refers only to declared purposes, and to at least one", (id) => {
    const described = category(id);
    expect(described.purposeIds.length).toBeGreaterThan(0);
    for (const purposeId of described.purposeIds) expect(purposeIds).toContain(purposeId);
  });

  it.each(dataCategoryIds)("category %s has at least one known source and recipient", (id) => {
    const described = category(id);
    expect(described.sources.length).toBeGreaterThan(0);
    expect(described.recipients.length).toBeGreaterThan(0);
    for (const source of described.sources) expect(sourceIds).toContain(source);
    for (const recipient of described.recipients) expect(recipientIds).toContain(recipient);
  });

  it("uses every purpose, source and recipient somewhere", () => {
    const categories = dataCategoryIds.map(category);
    const used = (pick: (c: (typeof categories)[number]) => readonly string[]) => new Set(categories.flatMap(pick));
    expect([...used((c) => c.purposeIds)].sort()).toEqual([...purposeIds].sort());
    expect([...used((c) => c.sources)].sort()).toEqual([...sourceIds].sort());
    expect([...used((c) => c.recipients)].sort()).toEqual([...recipientIds].sort());
  });

  it("describes every source of ids.ts", () => {
    expect(Object.keys(registerDescription.sources).sort()).toEqual([...sourceIds].sort());
  });

  it("sends billing data to the financial administration partner", () => {
    expect(category("billing").recipients).toContain("financialAdministrationPartner");
  });

  it("takes name and contact updates from update services, and IP numbers from the digital sources", () => {
    for (const id of ["name", "email", "postalAddress", "phone"] as const) {
      expect(category(id).sources).toContain("updateService");
    }
    expect(category("ipAddress").sources).toContain("partnerDigital");
  });
});

describe("register description: rights", () => {
  it("lists every right once, in the canonical order", () => {
    expect(registerDescription.rights.map((r) => r.id)).toEqual([...rightIds]);
  });

  it("ties each right to a GDPR article", () => {
    const articles = Object.fromEntries(registerDescription.rights.map((r) => [r.id, r.article]));
    expect(articles).toMatchObject({
      access: "15",
      portability: "20",
      restriction: "18",
      objection: "21",
      erasure: "17",
      complaint: "77",
    });
    for (const right of registerDescription.rights) expect(right.article).toMatch(/^\d+(, \d+)*$/);
  });

  it("uses the notice's Finnish heading for access", () => {
    const access = registerDescription.rights.find((r) => r.id === "access");
    expect(access?.title.fi).toBe("Tarkastusoikeus");
  });
});

describe("helpers", () => {
  it("categoriesInOrder returns the ids.ts order as a fresh array", () => {
    const order = categoriesInOrder(registerDescription);
    expect(order).toEqual([...dataCategoryIds]);
    order.pop();
    expect(categoriesInOrder(registerDescription)).toHaveLength(dataCategoryIds.length);
  });

  it("gives every purpose its own legal basis, an Art. 6(1) point with a name in both languages", () => {
    for (const purpose of registerDescription.purposes) {
      expect(purpose.legalBasis, purpose.id).toBeDefined();
      expect(purpose.legalBasis.article, purpose.id).toMatch(/^6\(1\)\([a-f]\)$/);
      expect(purpose.legalBasis.name.fi.trim(), purpose.id).not.toBe("");
      expect(purpose.legalBasis.name.en.trim(), purpose.id).not.toBe("");
    }
  });

  it("keeps the notice's words: contract for all processing, no basis invented for the controller", () => {
    const bases = new Set(registerDescription.purposes.map((p) => JSON.stringify(p.legalBasis)));
    expect([...bases]).toEqual([JSON.stringify({ article: "6(1)(b)", name: { fi: "Sopimus", en: "Contract" } })]);
  });

  it("has a basis for every data category, through its purposes", () => {
    for (const category of dataCategoryIds) {
      expect(purposesOf(registerDescription, category).length, category).toBeGreaterThan(0);
      expect(
        legalBasesOf(registerDescription, category).map((b) => b.article),
        category,
      ).toEqual(["6(1)(b)"]);
    }
  });

  it("purposesOf returns the category's purposes in the notice's order", () => {
    const billing = purposesOf(registerDescription, "billing").map((p) => p.id);
    expect(billing).toEqual(["manageOrders", "customerRelationship"]);
    const ip = purposesOf(registerDescription, "ipAddress").map((p) => p.id);
    expect(ip).toEqual(["developBusiness", "statistics", "targetedContent"]);
  });
});

describe("the notice file (issue 15)", () => {
  const file = () =>
    JSON.parse(JSON.stringify(demoNoticeFile)) as Record<string, unknown> & { dataCategories: Record<string, unknown> };
  const problems = (value: unknown) => {
    const result = parseRegisterDescription(value);
    return result.ok ? [] : result.problems;
  };

  it("accepts the demo file as it ships", () => {
    expect(problems(demoNoticeFile)).toEqual([]);
  });

  it("accepts the second example file (another controller) as it ships", () => {
    expect(problems(secondNoticeFile)).toEqual([]);
  });

  it("names the path of every wrong field", () => {
    const f = file();
    (f.controller as Record<string, unknown>).email = "not an address";
    (f.dataCategories.www as { name: { fi: string } }).name.fi = "";
    delete (f.supervisoryAuthority as Record<string, unknown>).web;
    const paths = problems(f).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(["controller.email", "dataCategories.www.name.fi", "supervisoryAuthority.web"]),
    );
  });

  it("refuses a data category the register's schema does not hold, saying why", () => {
    const f = file();
    f.dataCategories.shoeSize = f.dataCategories.www;
    const found = problems(f);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe("dataCategories.shoeSize");
    expect(found[0]?.message).toMatch(/not a data category.*may omit, rename and describe categories but not add one/);
  });

  it("lets a file omit and rename categories", () => {
    const f = file();
    delete f.dataCategories.www;
    (f.dataCategories.phone as { name: { fi: string; en: string } }).name = { fi: "Puhelin", en: "Telephone" };
    const result = parseRegisterDescription(f);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(categoriesInOrder(result.notice)).not.toContain("www");
    expect(result.notice.dataCategories.phone?.name.en).toBe("Telephone");
  });

  it("refuses references to purposes and recipients the file does not define", () => {
    const f = file();
    (f.dataCategories.email as { purposeIds: string[] }).purposeIds.push("selling");
    (f.dataCategories.email as { recipients: string[] }).recipients.push("dataBroker");
    expect(problems(f).map((p) => p.path)).toEqual([
      "dataCategories.email.purposeIds.4",
      "dataCategories.email.recipients.1",
    ]);
  });

  it("refuses a file of another format version and unknown top-level fields", () => {
    expect(problems({ ...file(), formatVersion: 2 }).map((p) => p.path)).toEqual(["formatVersion"]);
    expect(problems({ ...file(), colour: "red" }).map((p) => p.path)).toEqual(["(the file)"]);
  });
});
