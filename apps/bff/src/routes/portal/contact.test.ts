import { signInCodePolicy } from "@tietoni/domain";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { customerActionKey } from "../../auth/customer-limits.ts";
import { customers, emailChanges, fieldChanges, restrictions, signInAttempts } from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { PORTAL_ORIGIN, withBothDemoCustomers } from "../../test/test-context.ts";

const { t, idA: A, idB: B, cookieA, cookieB } = await withBothDemoCustomers();

const historySchema = z.object({
  changes: z.array(
    z.object({
      field: z.string(),
      oldValue: z.string().nullable(),
      newValue: z.string().nullable(),
      at: z.iso.datetime(),
      actorType: z.enum(["customer", "staff", "system"]),
      reason: z.string().nullable(),
    }),
  ),
});
const errorSchema = z.object({
  error: z.object({ code: z.string(), fields: z.array(z.object({ path: z.string(), code: z.string() })).optional() }),
});

const send = (method: string, url: string, cookie: string, body: unknown) =>
  t.portal.request(url, {
    method,
    headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, cookie },
    body: JSON.stringify(body),
  });
const patch = (cookie: string, body: unknown) => send("PATCH", "/api/portal/contact", cookie, body);

const customerRow = (id: string) => t.db.select().from(customers).where(eq(customers.id, id)).get();
const changeRows = async () => (await t.db.select({ n: count() }).from(fieldChanges).get())?.n ?? 0;
const emailChangeRows = async () => (await t.db.select({ n: count() }).from(emailChanges).get())?.n ?? 0;
const history = async (cookie: string) =>
  historySchema.parse(await (await t.portal.request("/api/portal/contact/history", { headers: { cookie } })).json());
const sessionId = (cookie: string) => cookie.split("=")[1]?.split(".")[0] ?? "";

/** The re-authentication code in the newest mail to `email`: in the body only, never in the subject. */
const reauthenticationCodeFor = (email: string) => {
  const mail = t.sent.findLast((m) => m.to === email);
  const code = mail?.text.match(/Vahvistuskoodi: (\d{6})/)?.[1];
  if (!mail || !code) throw new Error(`no re-authentication code was mailed to ${email}`);
  expect(mail.subject).not.toMatch(/\d{6}/);
  return code;
};

/** Proves the mailbox again in this session: a code to the current address, entered. */
async function reauthenticate(cookie: string, currentEmail: string) {
  expect((await t.postPortal("/api/portal/contact/reauthentication", {}, cookie)).status).toBe(202);
  const res = await t.postPortal(
    "/api/portal/contact/reauthentication/confirm",
    { code: reauthenticationCodeFor(currentEmail) },
    cookie,
  );
  expect(res.status).toBe(200);
}

describe("direct edits of contact fields", () => {
  it("writes changed fields with one history row each, old → new", async () => {
    const before = await customerRow(A);
    const res = await patch(cookieA, { phone: "+358 50 765 4321", www: "https://aino.example/uusi" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: ["phone", "www"] });
    expect(await customerRow(A)).toMatchObject({ phone: "+358507654321", www: "https://aino.example/uusi" });

    const { changes } = await history(cookieA);
    expect(changes).toHaveLength(2);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "phone", oldValue: before?.phone, newValue: "+358507654321" }),
        expect.objectContaining({ field: "www", oldValue: before?.www, newValue: "https://aino.example/uusi" }),
      ]),
    );
    const row = await t.db.select().from(fieldChanges).where(eq(fieldChanges.field, "phone")).get();
    expect(row).toMatchObject({
      customerId: A,
      actorType: "customer",
      actorId: A,
      reason: "Customer's own correction in the portal",
    });
  });

  it("leaves no history row when nothing changes", async () => {
    const before = await changeRows();
    const res = await patch(cookieA, { phone: "+358507654321" });
    expect(await res.json()).toEqual({ changed: [] });
    expect(await changeRows()).toBe(before);
  });

  it("stores the postal address and records it as one line", async () => {
    const before = await customerRow(A);
    t.advance(60_000);
    const res = await patch(cookieA, {
      postalAddress: { street: "Uusikatu 5 B 12", postalCode: "00100", city: "Helsinki" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: ["postalAddress"] });
    expect(await customerRow(A)).toMatchObject({
      street: "Uusikatu 5 B 12",
      postalCode: "00100",
      city: "Helsinki",
      country: "FI",
    });
    const [newest] = (await history(cookieA)).changes;
    expect(newest).toMatchObject({
      field: "postalAddress",
      oldValue: `${before?.street}, ${before?.postalCode} ${before?.city}, ${before?.country}`,
      newValue: "Uusikatu 5 B 12, 00100 Helsinki, FI",
      at: "2026-11-25T10:01:00.000Z",
      actorType: "customer",
    });
  });

  it("clears a field with null", async () => {
    t.advance(60_000);
    const res = await patch(cookieA, { www: null });
    expect(await res.json()).toEqual({ changed: ["www"] });
    expect((await customerRow(A))?.www).toBeNull();
    expect((await history(cookieA)).changes[0]).toMatchObject({
      field: "www",
      oldValue: "https://aino.example/uusi",
      newValue: null,
    });
  });

  it("rejects malformed input with the field's code and changes nothing", async () => {
    const row = await customerRow(A);
    const rows = await changeRows();
    const cases: [unknown, string, string | undefined][] = [
      [{ phone: "040 123 4567" }, "phone_invalid", "phone"],
      [{ phone: "+358 40 123 4567", www: "javascript:alert(1)" }, "url_invalid", "www"],
      [
        { postalAddress: { street: "Katu 1", postalCode: "2038", city: "Turku" } },
        "postal_code_invalid",
        "postalAddress.postalCode",
      ],
      [{ postalAddress: { street: "", postalCode: "20380", city: "Turku" } }, "required", "postalAddress.street"],
      [{}, "required", undefined],
      [{ email: "x@example.com" }, "invalid_input", undefined],
    ];
    for (const [body, code, path] of cases) {
      const res = await patch(cookieA, body);
      expect(res.status).toBe(400);
      const { error } = errorSchema.parse(await res.json());
      expect(error.code).toBe(code);
      if (path) expect(error.fields).toContainEqual({ path, code });
    }
    expect(await customerRow(A)).toEqual(row);
    expect(await changeRows()).toBe(rows);
  });

  it("never shows one customer another's history", async () => {
    expect((await history(cookieB)).changes).toEqual([]);
    await patch(cookieB, { phone: "+46 70 123 4567" });
    const a = await history(cookieA);
    const b = await history(cookieB);
    expect(b.changes).toHaveLength(1);
    expect(a.changes.some((ch) => ch.newValue === "+46701234567")).toBe(false);
    expect((await customerRow(A))?.phone).toBe("+358507654321");
  });
});

describe("a restricted record", () => {
  const C = "c0000003";
  let cookieC: string;
  beforeAll(async () => {
    cookieC = await t.signInCustomer("perinta@example.com");
    await t.db
      .insert(restrictions)
      .values({ id: "r-test-1", customerId: C, ground: "accuracyContested", appliedAt: Date.UTC(2026, 10, 1) });
  });

  it("refuses direct edits and e-mail changes with record_restricted", async () => {
    const row = await customerRow(C);
    const rows = await changeRows();
    const emailRows = await emailChangeRows();
    const sent = t.sent.length;
    const edit = await patch(cookieC, { phone: "+358401111111" });
    expect(edit.status).toBe(409);
    expect(await edit.json()).toMatchObject({ error: { code: "record_restricted" } });
    const email = await t.postPortal("/api/portal/contact/email", { email: "sari.uusi@example.com" }, cookieC);
    expect(email.status).toBe(409);
    expect(await email.json()).toMatchObject({ error: { code: "record_restricted" } });
    expect(await customerRow(C)).toEqual(row);
    expect(await changeRows()).toBe(rows);
    expect(await emailChangeRows()).toBe(emailRows);
    expect(t.sent.length).toBe(sent);
  });

  it("allows edits again once the restriction is lifted", async () => {
    await t.db
      .update(restrictions)
      .set({ liftedAt: Date.UTC(2026, 10, 20) })
      .where(eq(restrictions.id, "r-test-1"));
    const edit = await patch(cookieC, { phone: "+358401111111" });
    expect(edit.status).toBe(200);
  });
});

describe("changing the e-mail address", () => {
  const oldEmail = "yhteyshenkilo@example.com";
  const newEmail = "matti.uusi@example.com";

  it("refuses the current address and a malformed one, storing nothing", async () => {
    const rows = await emailChangeRows();
    const same = await t.postPortal("/api/portal/contact/email", { email: " YhteysHenkilo@Example.com " }, cookieB);
    expect(same.status).toBe(400);
    expect(await same.json()).toMatchObject({ error: { code: "email_unchanged" } });
    const bad = await t.postPortal("/api/portal/contact/email", { email: "not an address" }, cookieB);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "email_invalid" } });
    const code = await t.postPortal("/api/portal/contact/email/confirm", { code: "12ab" }, cookieB);
    expect(await code.json()).toMatchObject({ error: { code: "code_format" } });
    expect(await emailChangeRows()).toBe(rows);
  });

  it("refuses a confirmation when nothing is pending", async () => {
    const res = await t.postPortal("/api/portal/contact/email/confirm", { code: "123456" }, cookieB);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "code_invalid" } });
  });

  it("refuses an expired code and the right code after five wrong ones", async () => {
    expect((await t.postPortal("/api/portal/contact/email", { email: newEmail }, cookieB)).status).toBe(202);
    const expired = t.lastCodeFor(newEmail);
    t.advance(signInCodePolicy.validForMs);
    const late = await t.postPortal("/api/portal/contact/email/confirm", { code: expired }, cookieB);
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ error: { code: "code_invalid" } });

    // The sign-in is now over 5 minutes old: the mailbox is proved again first.
    await reauthenticate(cookieB, oldEmail);
    expect((await t.postPortal("/api/portal/contact/email", { email: newEmail }, cookieB)).status).toBe(202);
    const code = t.lastCodeFor(newEmail);
    const wrong = code === "111111" ? "222222" : "111111";
    for (let i = 0; i < signInCodePolicy.maxAttempts; i++) {
      const res = await t.postPortal("/api/portal/contact/email/confirm", { code: wrong }, cookieB);
      expect(res.status).toBe(400);
    }
    const sixth = await t.postPortal("/api/portal/contact/email/confirm", { code }, cookieB);
    expect(sixth.status).toBe(400);
    expect((await customerRow(B))?.email).toBe(oldEmail);
  });

  it("answers the same for an address another customer holds, but refuses it at confirmation", async () => {
    const taken = await t.postPortal("/api/portal/contact/email", { email: DEMO_CUSTOMER_EMAIL }, cookieB);
    const free = await t.postPortal("/api/portal/contact/email", { email: "vapaa@example.com" }, cookieB);
    expect(taken.status).toBe(202);
    expect(free.status).toBe(202);
    expect(await taken.json()).toEqual(await free.json());

    await t.postPortal("/api/portal/contact/email", { email: DEMO_CUSTOMER_EMAIL }, cookieB);
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const rows = await changeRows();
    const res = await t.postPortal("/api/portal/contact/email/confirm", { code }, cookieB);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "email_unavailable" } });
    expect((await customerRow(B))?.email).toBe(oldEmail);
    expect(await changeRows()).toBe(rows);
  });

  it("changes the address end to end: code to the new address, notice to the old, other sessions ended", async () => {
    const other = await t.signInCustomer(oldEmail);
    const rows = await changeRows();
    t.advance(60_000);
    await reauthenticate(cookieB, oldEmail);
    // The tests above used up B's five e-mail change starts of the day (the limit has a test of its own).
    await t.db.delete(signInAttempts).where(eq(signInAttempts.key, customerActionKey("email-change", B)));

    const start = await t.postPortal("/api/portal/contact/email", { email: newEmail }, cookieB);
    expect(start.status).toBe(202);
    expect(await start.json()).toEqual({ sent: true });
    const code = t.lastCodeFor(newEmail);
    const pending = await t.db.select().from(emailChanges).where(eq(emailChanges.customerId, B)).all();
    for (const p of pending) expect(p.codeHash).not.toContain(code);
    // Nothing changes until the code is entered.
    expect((await customerRow(B))?.email).toBe(oldEmail);

    const wrong = code === "000000" ? "000001" : "000000";
    expect((await t.postPortal("/api/portal/contact/email/confirm", { code: wrong }, cookieB)).status).toBe(400);
    const res = await t.postPortal("/api/portal/contact/email/confirm", { code }, cookieB);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ email: newEmail });
    expect((await customerRow(B))?.email).toBe(newEmail);

    const notice = t.sent.findLast((m) => m.to === oldEmail);
    expect(notice?.subject).toMatch(/vaihdettiin/);
    expect(notice?.text).toContain("m***@example.com");
    expect(notice?.text).not.toContain(newEmail);

    // The session that made the change stays; the other one is ended.
    expect((await t.portal.request("/api/portal/auth/session", { headers: { cookie: cookieB } })).status).toBe(200);
    expect((await t.portal.request("/api/portal/auth/session", { headers: { cookie: other } })).status).toBe(401);
    expect(sessionId(other)).not.toBe(sessionId(cookieB));

    expect(await changeRows()).toBe(rows + 1);
    const [newest] = (await history(cookieB)).changes;
    expect(newest).toMatchObject({ field: "email", oldValue: oldEmail, newValue: newEmail, actorType: "customer" });

    // The code works once.
    expect((await t.postPortal("/api/portal/contact/email/confirm", { code }, cookieB)).status).toBe(400);
  });

  it("signs in with the new address, and the old one no longer gets codes", async () => {
    const sent = t.sent.length;
    await t.postPortal("/api/portal/auth/request-code", { email: oldEmail });
    expect(t.sent.length).toBe(sent);
    const cookie = await t.signInCustomer(newEmail);
    const session = await t.portal.request("/api/portal/auth/session", { headers: { cookie } });
    expect(await session.json()).toMatchObject({ email: newEmail });
  });

  it("keeps customer A's history free of B's e-mail change", async () => {
    const a = await history(cookieA);
    expect(a.changes.some((ch) => ch.field === "email")).toBe(false);
  });
});
