import { emailChangeLimits, emailChangeUndoPolicy, reauthenticationPolicy, signInCodePolicy } from "@tietoni/domain";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  customerSessions,
  customers,
  emailChanges,
  emailChangeUndos,
  fieldChanges,
  reauthenticationCodes,
} from "../../db/schema.ts";
import { createCustomer } from "../../db/test-fixtures.ts";
import { verifyAuditChain } from "../../services/audit.ts";
import { createTestContext, PORTAL_ORIGIN, type TestContext } from "../../test/test-context.ts";

/*
 * Issue 11, item 11 (ASVS 5.0 V7.5.1): a session must have proved the mailbox in the last 5 minutes to move the
 * account to another address, and the old address can undo the change for 7 days.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const FIVE_MINUTES = reauthenticationPolicy.freshForMs;
const sessionId = (cookie: string) => cookie.split("=")[1]?.split(".")[0] ?? "";
const emailOf = async (id: string) =>
  (await t.db.select({ email: customers.email }).from(customers).where(eq(customers.id, id)).get())?.email;
const isSignedIn = async (cookie: string) =>
  (await t.portal.request("/api/portal/auth/session", { headers: { cookie } })).status === 200;
const startChange = (cookie: string, email: string) => t.postPortal("/api/portal/contact/email", { email }, cookie);
const confirmChange = (cookie: string, code: string) =>
  t.postPortal("/api/portal/contact/email/confirm", { code }, cookie);
const requestReauthentication = (cookie: string) => t.postPortal("/api/portal/contact/reauthentication", {}, cookie);
const confirmReauthentication = (cookie: string, code: string) =>
  t.postPortal("/api/portal/contact/reauthentication/confirm", { code }, cookie);
const undo = (token: string, cookie?: string) =>
  t.portal.request("/api/portal/email-change/undo", {
    method: "POST",
    headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ token }),
  });

/** The re-authentication code in the newest mail to `email`: in the body; the subject holds no code. */
function reauthenticationCodeFor(email: string) {
  const mail = t.sent.findLast((m) => m.to === email);
  const code = mail?.text.match(/Vahvistuskoodi: (\d{6})/)?.[1];
  if (!mail || !code) throw new Error(`no re-authentication code was mailed to ${email}`);
  return { code, subject: mail.subject };
}

/** The undo link's `id.secret` from the newest change notice to `email`. */
function undoTokenFor(email: string) {
  const mail = t.sent.findLast((m) => m.to === email && m.text.includes("/email-change/undo#"));
  const token = mail?.text.match(/\/email-change\/undo#([a-z0-9]+\.[a-z0-9]+)/)?.[1];
  if (!token) throw new Error(`no undo link was mailed to ${email}`);
  return token;
}

/** A customer of the test's own, signed in now through the real code sign-in. */
async function signedInCustomer() {
  const customer = await createCustomer(t.db);
  return { ...customer, cookie: await t.signInCustomer(customer.email) };
}

/** Changes the address all the way (the session is fresh); answers the undo token mailed to the old address. */
async function changeEmail(cookie: string, oldEmail: string, newEmail: string) {
  expect((await startChange(cookie, newEmail)).status).toBe(202);
  expect((await confirmChange(cookie, t.lastCodeFor(newEmail))).status).toBe(200);
  return undoTokenFor(oldEmail);
}

describe("an e-mail change needs a recent sign-in", () => {
  it("refuses a session signed in over 5 minutes ago, and allows it after the code mailed to the current address", async () => {
    const c = await signedInCustomer();
    const other = await t.signInCustomer(c.email);
    const newEmail = `uusi-${c.id}@example.org`;
    // The boundary itself is the domain's test (isRecentlyAuthenticated); here the sign-in is just old enough.
    t.advance(FIVE_MINUTES);
    const mailsBefore = t.sent.length;

    const refused = await startChange(c.cookie, newEmail);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "reauthentication_required" } });
    expect(await t.db.select().from(emailChanges).where(eq(emailChanges.customerId, c.id))).toEqual([]);
    expect(t.sent.length).toBe(mailsBefore);

    const since = await t.lastAuditSeq();
    expect((await requestReauthentication(c.cookie)).status).toBe(202);
    const { code, subject } = reauthenticationCodeFor(c.email);
    expect(subject).not.toContain(code);
    const [row] = await t.db.select().from(reauthenticationCodes).where(eq(reauthenticationCodes.customerId, c.id));
    expect(row).toMatchObject({ sessionId: sessionId(c.cookie), attempts: 0, consumedAt: null });
    expect(row?.codeHash).not.toContain(code);

    // The code re-confirms the session that asked for it, not another one of the customer.
    const elsewhere = await confirmReauthentication(other, code);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.json()).toMatchObject({ error: { code: "code_invalid" } });
    const wrong = code === "000000" ? "000001" : "000000";
    expect((await confirmReauthentication(c.cookie, wrong)).status).toBe(400);
    expect((await startChange(c.cookie, newEmail)).status).toBe(403);

    const confirmed = await confirmReauthentication(c.cookie, code);
    expect(confirmed.status).toBe(200);
    const { freshUntil } = (await confirmed.json()) as { freshUntil: string };
    const session = await t.db
      .select({ reauthenticatedAt: customerSessions.reauthenticatedAt })
      .from(customerSessions)
      .where(eq(customerSessions.id, sessionId(c.cookie)))
      .get();
    expect(session?.reauthenticatedAt).toEqual(expect.any(Number));
    expect(Date.parse(freshUntil)).toBe((session?.reauthenticatedAt ?? 0) + FIVE_MINUTES);
    // A code works once.
    expect((await confirmReauthentication(c.cookie, code)).status).toBe(400);

    expect((await startChange(c.cookie, newEmail)).status).toBe(202);
    expect((await confirmChange(c.cookie, t.lastCodeFor(newEmail))).status).toBe(200);
    expect(await emailOf(c.id)).toBe(newEmail);

    // Each step is in the trail, by the customer, with ids and counts only: no code, secret or address.
    const entries = await t.auditSince(since);
    expect(entries.map((e) => [e.action, e.actorType, e.actorId, e.customerId])).toEqual([
      ["customer.reauthenticated", "customer", c.id, c.id],
      ["customer.email_change.started", "customer", c.id, c.id],
      ["customer.email_changed", "customer", c.id, c.id],
    ]);
    const trail = JSON.stringify(entries);
    const undoToken = undoTokenFor(c.email);
    for (const secret of [code, c.email, newEmail, undoToken.split(".")[1] ?? "?", t.lastCodeFor(newEmail)]) {
      expect(trail).not.toContain(secret);
    }
    expect(JSON.parse(entries[2]?.detail ?? "{}")).toMatchObject({ otherSessionsEnded: 1 });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });

    // The re-authentication too lasts 5 minutes.
    t.advance(FIVE_MINUTES);
    expect((await startChange(c.cookie, `toinen-${c.id}@example.org`)).status).toBe(403);
  });

  it("refuses an expired re-authentication code and the right one after five wrong ones", async () => {
    const c = await signedInCustomer();
    t.advance(FIVE_MINUTES);
    await requestReauthentication(c.cookie);
    const expired = reauthenticationCodeFor(c.email).code;
    t.advance(signInCodePolicy.validForMs);
    expect((await confirmReauthentication(c.cookie, expired)).status).toBe(400);

    await requestReauthentication(c.cookie);
    const { code } = reauthenticationCodeFor(c.email);
    const wrong = code === "111111" ? "222222" : "111111";
    for (let i = 0; i < signInCodePolicy.maxAttempts; i++) {
      expect((await confirmReauthentication(c.cookie, wrong)).status).toBe(400);
    }
    expect((await confirmReauthentication(c.cookie, code)).status).toBe(400);
    expect((await startChange(c.cookie, `uusi-${c.id}@example.org`)).status).toBe(403);
    const bad = await confirmReauthentication(c.cookie, "12ab");
    expect(await bad.json()).toMatchObject({ error: { code: "code_format" } });
  });

  it("limits e-mail change starts and re-authentication codes per customer a day, with translated errors", async () => {
    const c = await signedInCustomer();
    for (let i = 0; i < emailChangeLimits.maxStartsPerDay; i++) {
      expect((await startChange(c.cookie, `uusi-${i}-${c.id}@example.org`)).status).toBe(202);
    }
    const mails = t.sent.length;
    const refused = await startChange(c.cookie, `liikaa-${c.id}@example.org`);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "email_change_limit" } });
    expect(t.sent.length).toBe(mails);
    // A refusal for another reason does not use up a start.
    const other = await signedInCustomer();
    expect((await startChange(other.cookie, other.email)).status).toBe(400);
    for (let i = 0; i < emailChangeLimits.maxStartsPerDay; i++) {
      expect((await startChange(other.cookie, `uusi-${i}-${other.id}@example.org`)).status).toBe(202);
    }

    for (let i = 0; i < emailChangeLimits.maxReauthenticationCodesPerDay; i++) {
      expect((await requestReauthentication(c.cookie)).status).toBe(202);
    }
    const flood = await requestReauthentication(c.cookie);
    expect(flood.status).toBe(429);
    expect(await flood.json()).toMatchObject({ error: { code: "reauthentication_limit" } });

    // The next day starts afresh (a new sign-in: sessions do not last a day).
    t.advance(emailChangeLimits.dayMs);
    const cookie = await t.signInCustomer(c.email);
    expect((await startChange(cookie, `huomenna-${c.id}@example.org`)).status).toBe(202);
  });
});

describe("the undo link mailed to the old address", () => {
  it("puts the old address back, ends every session of the customer, and works once", async () => {
    const c = await signedInCustomer();
    const newEmail = `kaapattu-${c.id}@example.org`;
    const token = await changeEmail(c.cookie, c.email, newEmail);
    const notice = t.sent.findLast((m) => m.to === c.email);
    expect(notice?.text).toContain(`${t.env.portalOrigin}/email-change/undo#${token}`);
    expect(notice?.subject).not.toContain(token);
    const second = await t.signInCustomer(newEmail);
    // The row keeps only the secret's hash.
    const [id, secret] = token.split(".");
    const row = await t.db
      .select()
      .from(emailChangeUndos)
      .where(eq(emailChangeUndos.id, id ?? ""))
      .get();
    expect(row).toMatchObject({ customerId: c.id, oldEmail: c.email, newEmail, usedAt: null });
    expect(row?.expiresAt).toBe((row?.createdAt ?? 0) + emailChangeUndoPolicy.validForMs);
    expect(JSON.stringify(row)).not.toContain(secret);

    t.advance(emailChangeUndoPolicy.validForMs - 60_000);
    const since = await t.lastAuditSeq();
    const res = await undo(token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ undone: true, sessionsEnded: 2 });
    expect(await emailOf(c.id)).toBe(c.email);
    expect(await isSignedIn(c.cookie)).toBe(false);
    expect(await isSignedIn(second)).toBe(false);
    const history = await t.db
      .select()
      .from(fieldChanges)
      .where(and(eq(fieldChanges.customerId, c.id), eq(fieldChanges.field, "email")));
    expect(history.at(-1)).toMatchObject({ oldValue: newEmail, newValue: c.email, actorType: "customer" });

    const entries = await t.auditSince(since);
    expect(entries.map((e) => [e.action, e.actorType, e.customerId])).toEqual([
      ["customer.email_change.undone", "customer", c.id],
    ]);
    expect(JSON.parse(entries[0]?.detail ?? "{}")).toEqual({ undoId: id, sessionsEnded: 2 });
    for (const s of [secret ?? "?", c.email, newEmail]) expect(JSON.stringify(entries)).not.toContain(s);

    // The owner signs in with the old address again; the new one no longer works.
    const sent = t.sent.length;
    await t.postPortal("/api/portal/auth/request-code", { email: newEmail });
    expect(t.sent.length).toBe(sent);
    expect(await isSignedIn(await t.signInCustomer(c.email))).toBe(true);

    const again = await undo(token);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "undo_link_used" } });
  });

  it("refuses an expired, wrong or malformed link, changing nothing", async () => {
    const c = await signedInCustomer();
    const newEmail = `vanhentunut-${c.id}@example.org`;
    const token = await changeEmail(c.cookie, c.email, newEmail);
    const [id] = token.split(".");
    const before = await t.auditSince(0);

    const wrong = await undo(`${id}.${"a".repeat(24)}`);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: "undo_link_invalid" } });
    for (const bad of ["", "nodot", "a.b.c", "<script>.x"]) {
      const res = await undo(bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "undo_link_invalid" } });
    }

    t.advance(emailChangeUndoPolicy.validForMs);
    const late = await undo(token);
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: "undo_link_expired" } });
    expect(await emailOf(c.id)).toBe(newEmail);
    expect(await t.auditSince(0)).toHaveLength(before.length);
  });

  it("refuses when another customer has taken the old address meanwhile", async () => {
    const c = await signedInCustomer();
    const token = await changeEmail(c.cookie, c.email, `siirtyi-${c.id}@example.org`);
    const other = await createCustomer(t.db);
    await t.db.update(customers).set({ email: c.email }).where(eq(customers.id, other.id));
    const res = await undo(token);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "undo_email_taken" } });
    expect(await emailOf(c.id)).toBe(`siirtyi-${c.id}@example.org`);
    expect(await isSignedIn(c.cookie)).toBe(true);
  });

  it("voids the customer's other undo links, so a hijacker's later change cannot be used to undo the owner's undo", async () => {
    const c = await signedInCustomer();
    const first = `ensimmainen-${c.id}@example.org`;
    const second = `toinen-${c.id}@example.org`;
    const ownerToken = await changeEmail(c.cookie, c.email, first);
    const hijackerToken = await changeEmail(c.cookie, first, second);
    expect((await undo(ownerToken)).status).toBe(200);
    expect(await emailOf(c.id)).toBe(c.email);
    const res = await undo(hijackerToken);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "undo_link_used" } });
    expect(await emailOf(c.id)).toBe(c.email);
  });
});
