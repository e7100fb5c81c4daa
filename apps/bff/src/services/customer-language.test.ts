import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../auth/tokens.ts";
import { auditLog, customers, restrictions } from "../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { createApiClient, createCustomer } from "../db/test-fixtures.ts";
import type { MailMessage } from "../mail/mailer.ts";
import { registerDescription } from "../notice/notice.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../test/test-context.ts";

/*
 * Issue 13: every mail goes in the customer's language — set at sign-in from the portal's language, by an import or
 * the API, or by staff; the register description's default when none is recorded. Tests run in order and share one
 * register: Aino (c0000001) and Matti (c0000002) start with no language recorded.
 */

const AINO = "c0000001";
const MATTI = "c0000002";
const MATTI_EMAIL = "yhteyshenkilo@example.com";

let t: TestContext;
let agent: string;
beforeAll(async () => {
  t = await createTestContext();
  agent = await t.signInStaff("agent", "agent-demo-pass");
});
afterAll(() => t.close());

const languageOf = async (id: string) =>
  (await t.db.select({ language: customers.language }).from(customers).where(eq(customers.id, id)).get())?.language;
const languageEntries = (customerId: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "customer.language_changed"), eq(auditLog.customerId, customerId)))
    .all();

/** The mails sent by `step`, once the outbox has delivered them. */
async function mailsOf(step: () => Promise<unknown>): Promise<MailMessage[]> {
  const from = t.sent.length;
  await step();
  await t.outbox.idle();
  return t.sent.slice(from);
}

const requestCode = (email: string, language?: string) =>
  t.postPortal("/api/portal/auth/request-code", language ? { email, language } : { email });

async function signIn(email: string, language?: string) {
  await requestCode(email, language);
  await t.outbox.idle();
  const code = t.lastCodeFor(email);
  const res = await t.postPortal(
    "/api/portal/auth/verify-code",
    language ? { email, code, language } : { email, code },
  );
  expect(res.status).toBe(200);
  return t.cookieFrom(res);
}

const isFinnishSignIn = (m: MailMessage | undefined) =>
  m?.subject.startsWith("Kirjautuminen") === true &&
  m.text.includes("Kirjautumiskoodisi") &&
  !/Your sign-in/.test(m.text);
const isEnglishSignIn = (m: MailMessage | undefined) =>
  m?.subject.startsWith("Signing in") === true && m.text.includes("Your sign-in code") && !/Kirjautum/.test(m.text);

describe("the register's default language", () => {
  it("writes to a customer with no language recorded in the register description's default", async () => {
    expect(await languageOf(AINO)).toBeNull();
    const [mail] = await mailsOf(() => requestCode(DEMO_CUSTOMER_EMAIL));
    expect(registerDescription.defaultLanguage).toBe("fi");
    expect(isFinnishSignIn(mail)).toBe(true);
  });
});

describe("set at sign-in from the portal's language", () => {
  it("writes the code mail in the language the request carried, without recording it yet", async () => {
    const seq = await t.lastAuditSeq();
    const [mail] = await mailsOf(() => requestCode(DEMO_CUSTOMER_EMAIL, "en"));
    expect(isEnglishSignIn(mail)).toBe(true);
    // Whoever asks for a code need not be the customer: only a sign-in records the language.
    expect(await languageOf(AINO)).toBeNull();
    expect((await t.auditSince(seq)).map((e) => e.action)).not.toContain("customer.language_changed");
  });

  it("records the portal's language at a sign-in with a code, audited once by the customer", async () => {
    await signIn(DEMO_CUSTOMER_EMAIL, "en");
    expect(await languageOf(AINO)).toBe("en");
    const [entry, ...more] = await languageEntries(AINO);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actorType: "customer", actorId: AINO });
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({ from: null, to: "en" });

    // The same language again changes nothing and writes no entry; no language (an older client) neither.
    await signIn(DEMO_CUSTOMER_EMAIL, "en");
    await signIn(DEMO_CUSTOMER_EMAIL);
    expect(await languageEntries(AINO)).toHaveLength(1);
    expect(await languageOf(AINO)).toBe("en");

    // Without a language in the request, the code mail goes in the one recorded.
    const [mail] = await mailsOf(() => requestCode(DEMO_CUSTOMER_EMAIL));
    expect(isEnglishSignIn(mail)).toBe(true);
  });

  it("records it at a sign-in with the mailed link, too", async () => {
    await requestCode(MATTI_EMAIL, "fi");
    await t.outbox.idle();
    const link = t.lastLinkFor(MATTI_EMAIL);
    const res = await t.postPortal("/api/portal/auth/verify-link", { link, language: "fi" });
    expect(res.status).toBe(200);
    expect(await languageOf(MATTI)).toBe("fi");
    expect(JSON.parse((await languageEntries(MATTI))[0]?.detail ?? "{}")).toEqual({ from: null, to: "fi" });
  });

  it("refuses a language that is not the register's with a translated code, signing no one in", async () => {
    await requestCode(MATTI_EMAIL);
    await t.outbox.idle();
    const code = t.lastCodeFor(MATTI_EMAIL);
    const res = await t.postPortal("/api/portal/auth/verify-code", { email: MATTI_EMAIL, code, language: "sv" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { fields: [{ path: "language", code: "language_invalid" }] } });
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await languageOf(MATTI)).toBe("fi");
  });
});

describe("a decision mail in the customer's language only", () => {
  async function refusalMailFor(email: string, language: "fi" | "en") {
    const cookie = await signIn(email, language);
    const submitted = await t.postPortal(
      "/api/portal/requests",
      { type: "objection", text: "Kiellän käsittelyn." },
      cookie,
    );
    expect(submitted.status).toBe(201);
    const { request } = (await submitted.json()) as { request: { id: string } };
    const mails = await mailsOf(() =>
      t.postStaff(`/api/staff/requests/${request.id}/refuse`, { reasons: "Sopimus on voimassa (6 art. 1 b)." }, agent),
    );
    expect(mails).toHaveLength(1);
    return mails[0];
  }

  it("a Finnish customer gets the refusal in Finnish only", async () => {
    const mail = await refusalMailFor(DEMO_CUSTOMER_EMAIL, "fi");
    expect(mail?.subject).toMatch(/^Päätös pyyntöösi: evätty/);
    expect(mail?.text).toContain("Kirjallinen selvitys epäämisen syistä");
    expect(mail?.text).toContain("Sopimus on voimassa (6 art. 1 b).");
    expect(mail?.text).toContain(registerDescription.supervisoryAuthority.name.fi);
    expect(`${mail?.subject}\n${mail?.text}`).not.toMatch(/Decision|Written statement|Ombudsman|self-service/);
  });

  it("an English customer gets it in English only", async () => {
    const mail = await refusalMailFor(MATTI_EMAIL, "en");
    expect(mail?.subject).toMatch(/^Decision on your request: refused/);
    expect(mail?.text).toContain("Written statement of the reasons for refusal");
    expect(mail?.text).toContain("Sopimus on voimassa (6 art. 1 b).");
    expect(mail?.text).toContain(registerDescription.supervisoryAuthority.name.en);
    expect(`${mail?.subject}\n${mail?.text}`).not.toMatch(/Päätös|Kirjallinen|tietosuojavaltuutetulle|Omat tiedot/);
  });
});

describe("set by staff on the record", () => {
  const correct = (id: string, changes: Record<string, unknown>) =>
    t.staff.request(`/api/staff/records/${id}/fields`, {
      method: "PATCH",
      headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie: agent },
      body: JSON.stringify({ changes, reason: "Asiakas pyysi puhelimessa englanninkielistä postia." }),
    });

  it("changes the mail language, audited as customer.language_changed by the staff member", async () => {
    expect(await languageOf(AINO)).toBe("fi");
    const seq = await t.lastAuditSeq();
    const res = await correct(AINO, { language: "en" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: ["language"] });
    expect(await languageOf(AINO)).toBe("en");
    const entries = await t.auditSince(seq);
    expect(entries.map((e) => e.action)).toEqual(["customer.corrected", "customer.language_changed"]);
    expect(entries[1]).toMatchObject({ actorType: "staff", customerId: AINO });
    expect(JSON.parse(entries[1]?.detail ?? "{}")).toEqual({ from: "fi", to: "en" });

    const [mail] = await mailsOf(() => requestCode(DEMO_CUSTOMER_EMAIL));
    expect(isEnglishSignIn(mail)).toBe(true);
  });

  it("clears it back to the register's default with null, and refuses an unknown language", async () => {
    const bad = await correct(AINO, { language: "sv" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "language_invalid" } });
    expect(await languageOf(AINO)).toBe("en");

    expect((await correct(AINO, { language: null })).status).toBe(200);
    expect(await languageOf(AINO)).toBeNull();
    const [entry] = (await languageEntries(AINO)).slice(-1);
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({ from: "en", to: null });
    const [mail] = await mailsOf(() => requestCode(DEMO_CUSTOMER_EMAIL));
    expect(isFinnishSignIn(mail)).toBe(true);
  });
  it("may be set under a restriction that refuses every other correction (it is how we write, not a datum)", async () => {
    const held = await createCustomer(t.db);
    await t.db
      .insert(restrictions)
      .values({ id: randomToken(), customerId: held.id, ground: "legalClaim", appliedAt: t.now() });
    const mixed = await correct(held.id, { language: "en", lastName: "Muutettu" });
    expect(mixed.status).toBe(409);
    expect(await mixed.json()).toMatchObject({ error: { code: "correction_restricted" } });
    expect(await languageOf(held.id)).toBeNull();

    expect((await correct(held.id, { language: "en" })).status).toBe(200);
    expect(await languageOf(held.id)).toBe("en");
  });
});

describe("set by an import or the API", () => {
  it("takes the integration API's language field, and the customer's mail follows it", async () => {
    const crm = await createApiClient(t.db, { systemName: "CRM", scopes: ["customers:write"] });
    const email = "lang-api-1@example.com";
    const res = await t.staff.request("/api/integration/v1/customers", {
      method: "POST",
      headers: { authorization: `Bearer ${crm.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        records: [
          {
            external_id: "LANG-1",
            first_name: "Liisa",
            last_name: "Kieli",
            email,
            relationship_start: "2024-01-15",
            language: "en",
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const row = await t.db.select().from(customers).where(eq(customers.email, email)).get();
    expect(row?.language).toBe("en");
    const [mail] = await mailsOf(() => requestCode(email));
    expect(isEnglishSignIn(mail)).toBe(true);
  });
});
