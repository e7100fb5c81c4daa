import {
  signInCodePolicy as confirmationCodePolicy,
  customerSignInCodePolicy as signInCodePolicy,
} from "@tietoni/domain";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerSessions, signInCodes } from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { emailChangeCodeMail, signInCodeMail } from "../../mail/templates.ts";
import { purgeExpired } from "../../services/purge.ts";
import { createTestContext, PORTAL_ORIGIN, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const codeRows = async () => (await t.db.select({ n: count() }).from(signInCodes).get())?.n ?? 0;

describe("customer sign-in with an e-mailed code", () => {
  it("answers the same for registered and unknown addresses, and mails only the registered one", async () => {
    const known = await t.postPortal("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL });
    const unknown = await t.postPortal("/api/portal/auth/request-code", { email: "nobody@example.com" });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    expect(t.sent.map((m) => m.to)).toEqual([DEMO_CUSTOMER_EMAIL]);
    expect(t.sent[0]?.text).toMatch(/\d{4} \d{4}/);
  });

  it("stores the code only as a hash", async () => {
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const rows = await t.db.select().from(signInCodes).all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.codeHash).not.toContain(code);
  });

  it("refuses a wrong code, then accepts the right one once", async () => {
    await t.postPortal("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL });
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const wrong = code === "00000000" ? "00000001" : "00000000";
    const bad = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code: wrong });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "code_invalid" } });
    expect(bad.headers.get("set-cookie")).toBeNull();

    const good = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code });
    expect(good.status).toBe(200);
    expect(good.headers.get("set-cookie")).toMatch(/tietoni-portal=.+; .*HttpOnly/);

    const again = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code });
    expect(again.status).toBe(400);
  });

  it("refuses an expired code", async () => {
    await t.postPortal("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL });
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    t.advance(signInCodePolicy.validForMs);
    const res = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code });
    expect(res.status).toBe(400);
  });

  it("refuses the right code on the sixth attempt", async () => {
    await t.postPortal("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL });
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const wrong = code === "11111111" ? "22222222" : "11111111";
    for (let i = 0; i < signInCodePolicy.maxAttempts; i++) {
      const res = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code: wrong });
      expect(res.status).toBe(400);
    }
    const sixth = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code });
    expect(sixth.status).toBe(400);
  });

  it("rejects malformed input with a clear code and changes nothing", async () => {
    const before = await codeRows();
    const res = await t.postPortal("/api/portal/auth/request-code", { email: "not an address" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: "email_invalid", fields: [{ path: "email", code: "email_invalid" }] },
    });
    const code = await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code: "12ab" });
    expect(await code.json()).toMatchObject({ error: { code: "sign_in_code_format" } });
    const notJson = await t.portal.request("/api/portal/auth/request-code", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    expect(await codeRows()).toBe(before);
  });

  it("refuses state-changing requests from another origin, including the staff surface", async () => {
    const before = await codeRows();
    for (const origin of ["http://localhost:3001", "https://evil.example"]) {
      const res = await t.portal.request("/api/portal/auth/request-code", {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ email: DEMO_CUSTOMER_EMAIL }),
      });
      expect(res.status).toBe(403);
    }
    const noOrigin = await t.portal.request("/api/portal/auth/request-code", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: DEMO_CUSTOMER_EMAIL }),
    });
    expect(noOrigin.status).toBe(403);
    expect(await codeRows()).toBe(before);
  });

  it("signs out by deleting the session row", async () => {
    const cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const sessionId = cookie.split("=")[1]?.split(".")[0] ?? "";
    expect(await t.db.select().from(customerSessions).where(eq(customerSessions.id, sessionId)).get()).toBeDefined();
    const out = await t.postPortal("/api/portal/auth/sign-out", {}, cookie);
    expect(out.status).toBe(200);
    expect(await t.db.select().from(customerSessions).where(eq(customerSessions.id, sessionId)).get()).toBeUndefined();
    const after = await t.portal.request("/api/portal/my-data", { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it("ends an idle session", async () => {
    const cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    t.advance(t.env.sessionPolicy.idleTimeoutMs);
    const res = await t.portal.request("/api/portal/my-data", { headers: { cookie } });
    expect(res.status).toBe(401);
  });
});

const requestCode = (email: string) => t.postPortal("/api/portal/auth/request-code", { email });
const verifyLink = (link: string) => t.postPortal("/api/portal/auth/verify-link", { link });
const verifyCode = (email: string, code: string) => t.postPortal("/api/portal/auth/verify-code", { email, code });
const DEMO_CUSTOMER_ID = "c0000001";

describe("the sign-in link (issue 11, item 13)", () => {
  it("comes in every sign-in mail with an 8-digit code, grouped, and the code may be typed with spaces", async () => {
    await requestCode(DEMO_CUSTOMER_EMAIL);
    const mail = t.sent.at(-1);
    const link = t.lastLinkFor(DEMO_CUSTOMER_EMAIL);
    expect(mail?.text).toContain(`${PORTAL_ORIGIN}/sign-in/link#${link}`);
    expect(link).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{26}$/);
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    expect(code).toMatch(/^\d{8}$/);
    expect(mail?.text).toContain(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect((await verifyCode(DEMO_CUSTOMER_EMAIL, ` ${code.slice(0, 4)} ${code.slice(4)} `)).status).toBe(200);
  });

  it("signs in once, and ends the code of its mail with it", async () => {
    await requestCode(DEMO_CUSTOMER_EMAIL);
    const link = t.lastLinkFor(DEMO_CUSTOMER_EMAIL);
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const res = await verifyLink(link);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/tietoni-portal=.+; .*HttpOnly/);
    const again = await verifyLink(link);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: "sign_in_link_invalid" } });
    expect((await verifyCode(DEMO_CUSTOMER_EMAIL, code)).status).toBe(400);
  });

  it("is not ended by a newer request, unlike the older code; a sign-in ends every mail's way in", async () => {
    await requestCode(DEMO_CUSTOMER_EMAIL);
    const olderLink = t.lastLinkFor(DEMO_CUSTOMER_EMAIL);
    await requestCode(DEMO_CUSTOMER_EMAIL);
    const newerLink = t.lastLinkFor(DEMO_CUSTOMER_EMAIL);
    const newerCode = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    expect((await verifyLink(olderLink)).status).toBe(200);
    expect((await verifyLink(newerLink)).status).toBe(400);
    expect((await verifyCode(DEMO_CUSTOMER_EMAIL, newerCode)).status).toBe(400);
  });

  it("expires with its code", async () => {
    await requestCode(DEMO_CUSTOMER_EMAIL);
    const link = t.lastLinkFor(DEMO_CUSTOMER_EMAIL);
    t.advance(signInCodePolicy.validForMs);
    expect((await verifyLink(link)).status).toBe(400);
  });

  it("refuses a made-up or malformed link with a clear code and changes nothing", async () => {
    await requestCode(DEMO_CUSTOMER_EMAIL);
    const [id] = t.lastLinkFor(DEMO_CUSTOMER_EMAIL).split(".");
    const before = await t.lastAuditSeq();
    for (const link of [`${id}.${"a".repeat(26)}`, "not-a-link", ""]) {
      const res = await verifyLink(link);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "sign_in_link_invalid" } });
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    expect(await t.lastAuditSeq()).toBe(before);
  });
});

describe("mails that carry a code (issue 11, item 15)", () => {
  it("have the code in the body, never in the subject, which says what the mail is for", () => {
    const mails = [
      {
        mail: signInCodeMail("a@example.com", "en", "01234567", `${PORTAL_ORIGIN}/sign-in/link#x.y`),
        code: "0123 4567",
      },
      { mail: emailChangeCodeMail("a@example.com", "en", "012345"), code: "012345" },
    ];
    for (const { mail, code } of mails) {
      expect(mail.subject).not.toMatch(/\d{4}/);
      expect(mail.text).toContain(code);
    }
    expect(mails[0]?.mail.subject).toMatch(/Signing in/);
    expect(mails[1]?.mail.subject).toMatch(/Changing your e-mail address/);
  });

  it("the sign-in mail that is sent, too", async () => {
    await requestCode(DEMO_CUSTOMER_EMAIL);
    const mail = t.sent.at(-1);
    expect(mail?.subject).not.toMatch(/\d{4}/);
    expect(mail?.text).toMatch(/ \d{4} \d{4}\./);
    // The confirmation code of an e-mail change keeps its own six digits.
    expect(confirmationCodePolicy.digits).toBe(6);
  });
});

describe("the audit trail (issue 11, item 16)", () => {
  it("records a sign-in with its method, by code and by link, never the code or the link", async () => {
    for (const method of ["code", "link"] as const) {
      const seq = await t.lastAuditSeq();
      await requestCode(DEMO_CUSTOMER_EMAIL);
      const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
      const link = t.lastLinkFor(DEMO_CUSTOMER_EMAIL);
      const res = method === "code" ? await verifyCode(DEMO_CUSTOMER_EMAIL, code) : await verifyLink(link);
      expect(res.status).toBe(200);
      const entries = await t.auditSince(seq);
      expect(entries).toEqual([
        expect.objectContaining({
          action: "customer.sign_in",
          actorType: "customer",
          actorId: DEMO_CUSTOMER_ID,
          customerId: DEMO_CUSTOMER_ID,
          detail: JSON.stringify({ method }),
        }),
      ]);
      for (const secret of [code, link, ...link.split(".")]) expect(JSON.stringify(entries)).not.toContain(secret);
    }
  });

  it("records a sign-out", async () => {
    const cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const seq = await t.lastAuditSeq();
    expect((await t.postPortal("/api/portal/auth/sign-out", {}, cookie)).status).toBe(200);
    expect(await t.auditSince(seq)).toEqual([
      expect.objectContaining({ action: "customer.sign_out", actorType: "customer", customerId: DEMO_CUSTOMER_ID }),
    ]);
  });

  it("records wrong codes for a registered address with the next write the account makes, nothing for an unknown one", async () => {
    await requestCode(DEMO_CUSTOMER_EMAIL);
    const first = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const wrong = first === "00000000" ? "00000001" : "00000000";
    const seq = await t.lastAuditSeq();
    for (let i = 0; i < 3; i++) expect((await verifyCode(DEMO_CUSTOMER_EMAIL, wrong)).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await verifyCode("nobody-at-all@example.com", wrong)).status).toBe(400);
    // Nothing durable while the codes are tried: that is what keeps both answers equally fast (item 14).
    expect(await t.auditSince(seq)).toEqual([]);

    // A new code replaces the tried one (after the answer): its three wrong codes are written then.
    await requestCode(DEMO_CUSTOMER_EMAIL);
    const second = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const failed = { action: "customer.sign_in_failed", actorType: "customer", customerId: DEMO_CUSTOMER_ID };
    expect(await t.auditSince(seq)).toEqual([
      expect.objectContaining({ ...failed, detail: expect.stringContaining('"wrongCodes":3') }),
    ]);

    // Wrong codes for the code that then signs in are written with the sign-in.
    const wrong2 = second === "00000000" ? "00000001" : "00000000";
    const seq2 = await t.lastAuditSeq();
    expect((await verifyCode(DEMO_CUSTOMER_EMAIL, wrong2)).status).toBe(400);
    expect((await verifyCode(DEMO_CUSTOMER_EMAIL, second)).status).toBe(200);
    expect((await t.auditSince(seq2)).map((e) => [e.action, JSON.parse(e.detail).wrongCodes])).toEqual([
      ["customer.sign_in_failed", 1],
      ["customer.sign_in", undefined],
    ]);
  });

  it("records wrong codes on a code that expires unused with the next scheduled purge, once", async () => {
    await requestCode(DEMO_CUSTOMER_EMAIL);
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const wrong = code === "00000000" ? "00000001" : "00000000";
    const seq = await t.lastAuditSeq();
    for (let i = 0; i < 2; i++) expect((await verifyCode(DEMO_CUSTOMER_EMAIL, wrong)).status).toBe(400);
    t.advance(signInCodePolicy.validForMs);
    await purgeExpired(t.db, { now: t.now(), sessionPolicy: t.env.sessionPolicy });
    const failedEntries = async () =>
      (await t.auditSince(seq))
        .filter((e) => e.action === "customer.sign_in_failed")
        .map((e) => [e.customerId, JSON.parse(e.detail).wrongCodes]);
    expect(await failedEntries()).toEqual([[DEMO_CUSTOMER_ID, 2]]);

    // Neither the next purge nor the code that replaces the expired one writes them again.
    await purgeExpired(t.db, { now: t.now(), sessionPolicy: t.env.sessionPolicy });
    await requestCode(DEMO_CUSTOMER_EMAIL);
    expect(await failedEntries()).toEqual([[DEMO_CUSTOMER_ID, 2]]);
  });
});
