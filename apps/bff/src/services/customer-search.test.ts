import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CustomerSearchHit } from "@tietoni/domain";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBulkInserter } from "../db/bulk-insert.ts";
import { openDatabase } from "../db/client.ts";
import type { Db } from "../db/port.ts";
import { insertBundles } from "../db/insert-bundles.ts";
import * as schema from "../db/schema.ts";
import { customers, organisationRoles, organisations } from "../db/schema.ts";
import { seedDemo } from "../db/seed-demo.ts";
import { createRandom, DEMO_ORGANISATIONS, syntheticCustomer } from "../db/synthetic.ts";
import { anonymiseCustomer } from "./anonymise.ts";
import { ftsQuery, SORT_WINDOW, searchCustomers, trigramsOf } from "./customer-search.ts";

const dirs: string[] = [];
function tempFile(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tietoni-search-${process.env.VITEST_POOL_ID ?? "0"}-`));
  dirs.push(dir);
  return path.join(dir, name);
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The LIKE scan the index replaced (before migration 0005), kept as the oracle for the exact rule. */
function likeSearch(db: Db, query: string): CustomerSearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const conditions = words.map(
    () => `(
      lower(c.first_name) LIKE ? ESCAPE '\\' OR lower(c.last_name) LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM organisation_roles r JOIN organisations o ON o.id = r.organisation_id
                 WHERE r.customer_id = c.id AND lower(o.name) LIKE ? ESCAPE '\\')
    )`,
  );
  const params = words.flatMap((w) => {
    const escaped = w.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    return [`${escaped}%`, `${escaped}%`, `%${escaped}%`, `%${escaped}%`];
  });
  const rows = db.$client
    .prepare<unknown[], CustomerSearchHit & { organisations: string | null }>(
      `SELECT c.id, c.first_name AS firstName, c.last_name AS lastName, c.email,
              (SELECT group_concat(o.name, '\u001f') FROM organisation_roles r JOIN organisations o ON o.id = r.organisation_id
               WHERE r.customer_id = c.id) AS organisations
       FROM customers c
       WHERE c.anonymised_at IS NULL AND ${conditions.join(" AND ")}
       ORDER BY c.last_name, c.first_name, c.id`,
    )
    .all(...params);
  return rows.map((r) => ({ ...r, organisations: r.organisations ? r.organisations.split("\u001f") : [] }));
}

const ids = (hits: CustomerSearchHit[]) => hits.map((h) => h.id);
const integrity = (db: Db) =>
  db.$client.prepare("INSERT INTO customer_search (customer_search) VALUES ('integrity-check')").run();

describe("customer search over the demo register", () => {
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(tempFile("register.sqlite"));
    await seedDemo(db);
  });
  afterAll(() => db.$client.close());

  it("answers exactly what the LIKE scan answered, in the same order", () => {
    const names = db.$client
      .prepare<[], { first: string; last: string; email: string }>(
        "SELECT first_name AS first, last_name AS last, email FROM customers WHERE anonymised_at IS NULL",
      )
      .all();
    const pieces = [
      ...new Set(
        names
          .flatMap((n) => [n.first, n.last, n.email])
          .concat(DEMO_ORGANISATIONS.map((o) => o.name.split(" ")[0] ?? "")),
      ),
    ];
    // Fragments of real names, e-mails and organisations (prefixes, middles, ends), some upper-cased, with noise.
    const fragment = fc
      .tuple(fc.constantFrom(...pieces), fc.nat(), fc.integer({ min: 1, max: 12 }), fc.boolean())
      .map(([text, start, length, upper]) => {
        const chars = Array.from(text);
        const from = start % chars.length;
        const piece = chars.slice(from, from + length).join("");
        return upper ? piece.toUpperCase() : piece;
      });
    const word = fc.oneof(
      { weight: 8, arbitrary: fragment },
      { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 4 }) },
      { weight: 1, arbitrary: fc.constantFrom("%", "_", '"', "*", "-", ":", "^", "(", "\\", "'", "AND", "NEAR") },
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), (words) => {
        const query = words.join(" ");
        const expected = likeSearch(db, query);
        const hits = searchCustomers(db, query);
        if (expected.length <= 50) expect(hits).toEqual(expected);
        else expect(hits).toEqual(expected.slice(0, 50));
      }),
      { numRuns: 400 },
    );
  });

  it("finds by the start of a name, anywhere in the e-mail and in an organisation's name", () => {
    expect(ids(searchCustomers(db, "asiak"))).toContain("c0000001");
    expect(ids(searchCustomers(db, "siakas"))).toContain("c0000001"); // in the e-mail
    expect(ids(searchCustomers(db, "AINO ASIAKAS"))).toEqual(["c0000001"]);
    expect(searchCustomers(db, "arha oy").map((h) => h.organisations)).toContainEqual(["Turun Puutarha Oy"]);
  });

  it("takes FTS and LIKE syntax in the query as plain text, and never fails on it", () => {
    for (const q of [
      '"',
      '""',
      "*",
      "a*",
      "%%",
      "_",
      "__",
      "-",
      ":",
      "a:b",
      "NEAR(a b)",
      "x OR y",
      "^as",
      "\\",
      "'",
      "\u0000x",
      "\u0000xy",
      "ab\u0000",
      'x\u0000"y',
      "\u0000\u0000\u0000",
      "virta\u0000nen",
    ]) {
      expect(() => searchCustomers(db, q)).not.toThrow();
      expect(searchCustomers(db, q)).toEqual(likeSearch(db, q).slice(0, 50));
    }
    expect(searchCustomers(db, "%%")).toEqual([]);
  });

  it("still answers queries whose words are too short for the trigram index", () => {
    for (const q of ["ai", "as ai", "oy", "a a", "ä"]) {
      expect(ftsQuery(q.split(" "))).toBeNull();
      expect(searchCustomers(db, q)).toEqual(likeSearch(db, q).slice(0, 50));
    }
  });

  it("asks the index for each word's rarest trigrams, each quoted as an FTS string", () => {
    const common = (t: string) => ({ vir: 0.03, irt: 0.03, rta: 0.04, tan: 0.1, ane: 0.2, nen: 0.7 })[t] ?? 0.5;
    expect(ftsQuery(["virtanen"], common)).toBe('"vir"');
    const rare = (t: string) => ({ "123": 0.004, "234": 0.003 })[t] ?? 0.5;
    expect(ftsQuery(["mikko", "virtanen.1234"], rare)).toBe('"mik" AND "234" AND "123"');
    expect(ftsQuery(["virtanen", "ab"])).toBe('"vir" AND "irt"');
    expect(ftsQuery(['a"b*c'])).toBe('"a""b" AND """b*"');
    expect(ftsQuery(["äöå"])).toBe('"äöå"');
    expect(ftsQuery(["\u0000ab"])).toBeNull();
    expect(ftsQuery(["\u0000abc"])).toBe('"abc"');
    expect(trigramsOf("virtanen")).toEqual(["vir", "irt", "rta", "tan", "ane", "nen"]);
    expect(trigramsOf(`${"x".repeat(97)}abc`)).toHaveLength(12);
    expect(trigramsOf(`${"x".repeat(97)}abc`).at(-1)).toBe("abc");
  });
});

describe("the search index follows the register", () => {
  let db: Db;
  beforeAll(() => {
    db = openDatabase(tempFile("register.sqlite"));
    db.insert(organisations).values(DEMO_ORGANISATIONS).run();
    const random = createRandom(11);
    insertBundles(
      db,
      Array.from({ length: 40 }, (_, i) => syntheticCustomer(random, 500 + i)),
    );
    db.update(customers)
      .set({ firstName: "Ilmari", lastName: "Tuntematon", email: "ilmari.tuntematon@example.com" })
      .where(eq(customers.id, "c0000500"))
      .run();
  });
  afterAll(() => db.$client.close());

  it("finds a renamed customer by the new name only", () => {
    expect(ids(searchCustomers(db, "ilmari tuntematon"))).toEqual(["c0000500"]);
    db.update(customers).set({ lastName: "Uusinimi" }).where(eq(customers.id, "c0000500")).run();
    expect(ids(searchCustomers(db, "uusinimi"))).toEqual(["c0000500"]);
    expect(ids(searchCustomers(db, "ilmari tuntematon"))).toEqual(["c0000500"]); // the e-mail still has it
    db.update(customers).set({ email: "ilmari.uusinimi@example.com" }).where(eq(customers.id, "c0000500")).run();
    expect(searchCustomers(db, "tuntematon")).toEqual([]);
    expect(searchCustomers(db, "ilmari.uusinimi@")[0]).toMatchObject({ id: "c0000500", lastName: "Uusinimi" });
    integrity(db);
  });

  it("follows organisation roles and organisation renames", () => {
    db.insert(organisations).values({ id: "org-search", name: "Kuusiston Kalastus Oy", businessId: null }).run();
    db.insert(organisationRoles)
      .values({
        id: "role-search",
        customerId: "c0000500",
        organisationId: "org-search",
        role: "representative",
        startDate: "2024-01-01",
        endDate: null,
      })
      .run();
    expect(searchCustomers(db, "kalastus")).toEqual([
      expect.objectContaining({ id: "c0000500", organisations: ["Kuusiston Kalastus Oy"] }),
    ]);
    db.update(organisations).set({ name: "Kuusiston Kalatalo Oy" }).where(eq(organisations.id, "org-search")).run();
    expect(searchCustomers(db, "kalastus")).toEqual([]);
    expect(ids(searchCustomers(db, "kalatalo"))).toEqual(["c0000500"]);
    db.update(organisationRoles).set({ customerId: "c0000501" }).where(eq(organisationRoles.id, "role-search")).run();
    expect(ids(searchCustomers(db, "kalatalo"))).toEqual(["c0000501"]);
    expect(searchCustomers(db, "uusinimi")[0]?.organisations).toEqual([]);
    db.delete(organisationRoles).where(eq(organisationRoles.id, "role-search")).run();
    expect(searchCustomers(db, "kalatalo")).toEqual([]);
    integrity(db);
  });

  it("drops a customer from the results when anonymised", () => {
    const target = "c0000502";
    const email = db.select().from(customers).where(eq(customers.id, target)).get()?.email ?? "";
    expect(ids(searchCustomers(db, email))).toEqual([target]);
    db.transaction((tx) =>
      anonymiseCustomer(tx, target, {
        now: Date.UTC(2026, 10, 1),
        actor: { type: "staff", id: "staff-admin", role: "admin" },
        reason: "erasure",
        suppressionKey: "test-key",
      }),
    );
    expect(searchCustomers(db, email)).toEqual([]);
    expect(ids(searchCustomers(db, email.split("@")[0]?.split(".")[1] ?? ""))).not.toContain(target);
    expect(
      db.$client.prepare("SELECT count(*) AS n FROM customer_search_docs WHERE customer_id = ?").get(target),
    ).toEqual({ n: 0 });
    integrity(db);
  });

  it("drops a deleted customer", () => {
    db.insert(customers)
      .values({
        id: "c0000900",
        firstName: "Poistettava",
        lastName: "Henkilö",
        email: "poistettava@example.com",
        relationshipStart: "2024-01-01",
        createdAt: 0,
      })
      .run();
    expect(ids(searchCustomers(db, "poistettava"))).toEqual(["c0000900"]);
    db.delete(customers).where(eq(customers.id, "c0000900")).run();
    expect(searchCustomers(db, "poistettava")).toEqual([]);
    integrity(db);
  });

  it("keeps a broad query to the first SORT_WINDOW matches, sorted by name", () => {
    const insert = createBulkInserter(db, { roles: true, rest: false });
    const random = createRandom(12);
    insert(Array.from({ length: SORT_WINDOW + 100 }, (_, i) => syntheticCustomer(random, 10_000 + i)));
    const hits = searchCustomers(db, "example.com");
    expect(hits).toHaveLength(50);
    const sorted = [...hits].sort(
      (a, b) =>
        (a.lastName < b.lastName ? -1 : a.lastName > b.lastName ? 1 : 0) ||
        (a.firstName < b.firstName ? -1 : a.firstName > b.firstName ? 1 : 0) ||
        (a.id < b.id ? -1 : 1),
    );
    expect(hits).toEqual(sorted);
    for (const hit of hits) expect(hit.email).toContain("example.com");
    integrity(db);
  });
});

describe("migration 0005", () => {
  it("indexes the customers that were there before it ran, except anonymised ones", () => {
    const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle");
    const before = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-migrations-"));
    dirs.push(before);
    fs.mkdirSync(path.join(before, "meta"));
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
      entries: { tag: string }[];
    };
    const upTo = journal.entries.findIndex((e) => e.tag.endsWith("_search_index"));
    expect(upTo).toBeGreaterThan(0);
    const entries = journal.entries.slice(0, upTo);
    fs.writeFileSync(path.join(before, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
    for (const e of entries)
      fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(before, `${e.tag}.sql`));

    const sqlite = new Database(tempFile("old.sqlite"));
    sqlite.pragma("foreign_keys = ON");
    const db = Object.assign(drizzle({ client: sqlite, schema }), { $client: sqlite }) as Db;
    migrate(db, { migrationsFolder: before });
    db.insert(organisations).values(DEMO_ORGANISATIONS).run();
    const random = createRandom(13);
    insertBundles(
      db,
      Array.from({ length: 300 }, (_, i) => syntheticCustomer(random, 700 + i)),
    );
    db.update(customers)
      .set({ anonymisedAt: 1, firstName: "", lastName: "", email: null })
      .where(eq(customers.id, "c0000700"))
      .run();

    migrate(db, { migrationsFolder });
    integrity(db);
    expect(db.$client.prepare("SELECT count(*) AS n FROM customer_search_docs").get()).toEqual({ n: 299 });
    for (const q of ["virtanen", "puutarha oy", "nen", "example.com", "aino ko"]) {
      expect(searchCustomers(db, q)).toEqual(likeSearch(db, q).slice(0, 50));
    }
    sqlite.close();
  });
});
