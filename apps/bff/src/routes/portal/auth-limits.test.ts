import { customerSignInCodePolicy as signInCodePolicy, errorMessages } from "@tietoni/domain";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerSignInLimits, signInLimits } from "../../auth/sign-in-limits.ts";
import { openDatabase } from "../../db/client.ts";
import { signInCodes } from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { createMailQueue } from "../../mail/mail-queue.ts";
import type { Mailer } from "../../mail/mailer.ts";
import { createPortalApp } from "../../portal-app.ts";
import { createTestContext, PORTAL_ORIGIN, type TestContext } from "../../test/test-context.ts";

// TRUST_PROXY: app.request() has no socket, so the client address comes from X-Forwarded-For here.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ TRUST_PROXY: "true" });
});
afterAll(() => t.close());

// The context's clock starts on a window boundary; the tests move it and keep count to build a second app.
const START = Date.UTC(2026, 10, 25, 10, 0, 0);
let elapsed = 0;
const advance = (ms: number) => {
  t.advance(ms);
  elapsed += ms;
};
/** Every test starts in a fresh 15-minute window. */
const nextWindow = () => advance(signInLimits.windowMs);

type App = ReturnType<typeof createPortalApp>;
const post = async (url: string, body: unknown, ip: string, app: App = t.portal) => {
  const res = await app.request(`/api/portal/auth/${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, "x-forwarded-for": ip },
    body: JSON.stringify(body),
  });
  // The code is issued just after the answer: let that work run before the test looks for it.
  await new Promise((resolve) => setImmediate(resolve));
  return res;
};
const requestCode = (email: string, ip: string, app?: App) => post("request-code", { email }, ip, app);
const verifyCode = (email: string, code: string, ip: string, app?: App) =>
  post("verify-code", { email, code }, ip, app);
const answer = async (res: Response) => [res.status, await res.json()];
const codeRows = async () => (await t.db.select({ n: count() }).from(signInCodes).get())?.n ?? 0;
const wrongFor = (code: string) => (code === "00000000" ? "00000001" : "00000000");
const rateLimited = [
  429,
  { error: { code: "sign_in_rate_limited", message: errorMessages.sign_in_rate_limited.en } },
];

describe("code requests", () => {
  it("limits one e-mail address to 5 requests a window, registered or not, with the same answers", async () => {
    nextWindow();
    const answers = async (email: string, ip: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i <= customerSignInLimits.maxCodeRequestsPerEmail; i++)
        seen.push(await answer(await requestCode(email, ip)));
      return seen;
    };
    const mailsBefore = t.sent.length;
    const known = await answers(DEMO_CUSTOMER_EMAIL, "198.51.100.1");
    expect(known.slice(0, -1)).toEqual(Array(customerSignInLimits.maxCodeRequestsPerEmail).fill([202, { sent: true }]));
    expect(known.at(-1)).toEqual(rateLimited);
    expect(t.sent.length - mailsBefore).toBe(customerSignInLimits.maxCodeRequestsPerEmail);
    // Another address cannot lift an e-mail's limit.
    expect(await answer(await requestCode(DEMO_CUSTOMER_EMAIL, "198.51.100.2"))).toEqual(rateLimited);

    expect(await answers("nobody-here@example.com", "198.51.100.3")).toEqual(known);
  });

  it("refuses before any work: no code is issued and nothing is mailed over the limit", async () => {
    nextWindow();
    for (let i = 0; i < customerSignInLimits.maxCodeRequestsPerEmail; i++)
      await requestCode(DEMO_CUSTOMER_EMAIL, "198.51.100.4");
    const rows = await codeRows();
    const mails = t.sent.length;
    expect((await requestCode(DEMO_CUSTOMER_EMAIL, "198.51.100.4")).status).toBe(429);
    expect(await codeRows()).toBe(rows);
    expect(t.sent.length).toBe(mails);
  });

  it("limits one client address to 30 requests a window across e-mail addresses", async () => {
    nextWindow();
    const ip = "203.0.113.9";
    for (let i = 0; i < customerSignInLimits.maxCodeRequestsPerAddress; i++) {
      expect((await requestCode(`visitor-${i}@example.com`, ip)).status).toBe(202);
    }
    const mails = t.sent.length;
    expect(await answer(await requestCode(DEMO_CUSTOMER_EMAIL, ip))).toEqual(rateLimited);
    expect(await answer(await requestCode("fresh@example.com", ip))).toEqual(rateLimited);
    expect(t.sent.length).toBe(mails);
    expect((await requestCode(DEMO_CUSTOMER_EMAIL, "203.0.113.10")).status).toBe(202);
  });

  it("starts afresh after 15 minutes", async () => {
    nextWindow();
    for (let i = 0; i < customerSignInLimits.maxCodeRequestsPerEmail; i++)
      await requestCode(DEMO_CUSTOMER_EMAIL, "198.51.100.5");
    expect((await requestCode(DEMO_CUSTOMER_EMAIL, "198.51.100.5")).status).toBe(429);
    advance(signInLimits.windowMs);
    expect((await requestCode(DEMO_CUSTOMER_EMAIL, "198.51.100.5")).status).toBe(202);
  });

  it("a successful sign-in clears the e-mail's count", async () => {
    nextWindow();
    for (let i = 0; i < customerSignInLimits.maxCodeRequestsPerEmail; i++)
      await requestCode(DEMO_CUSTOMER_EMAIL, "198.51.100.6");
    const ok = await verifyCode(DEMO_CUSTOMER_EMAIL, t.lastCodeFor(DEMO_CUSTOMER_EMAIL), "198.51.100.6");
    expect(ok.status).toBe(200);
    expect((await requestCode(DEMO_CUSTOMER_EMAIL, "198.51.100.6")).status).toBe(202);
  });
});

describe("code attempts", () => {
  it("limits one e-mail address to 10 failures a window across codes, then refuses even the right code", async () => {
    nextWindow();
    const ip = "198.51.100.20";
    // Each code allows 5 tries; the account limit spans fresh codes.
    for (let round = 0; round < customerSignInLimits.maxCodeFailuresPerEmail / signInCodePolicy.maxAttempts; round++) {
      await requestCode(DEMO_CUSTOMER_EMAIL, ip);
      const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
      for (let i = 0; i < signInCodePolicy.maxAttempts; i++) {
        expect((await verifyCode(DEMO_CUSTOMER_EMAIL, wrongFor(code), ip)).status).toBe(400);
      }
    }
    await requestCode(DEMO_CUSTOMER_EMAIL, ip);
    const right = await verifyCode(DEMO_CUSTOMER_EMAIL, t.lastCodeFor(DEMO_CUSTOMER_EMAIL), "198.51.100.21");
    expect(await answer(right)).toEqual(rateLimited);
    expect(right.headers.get("set-cookie")).toBeNull();

    advance(signInLimits.windowMs);
    await requestCode(DEMO_CUSTOMER_EMAIL, ip);
    expect((await verifyCode(DEMO_CUSTOMER_EMAIL, t.lastCodeFor(DEMO_CUSTOMER_EMAIL), ip)).status).toBe(200);
  });

  it("gives an unknown address the same answers", async () => {
    nextWindow();
    const answers = async (email: string, ip: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i <= customerSignInLimits.maxCodeFailuresPerEmail; i++)
        seen.push(await answer(await verifyCode(email, "12345678", ip)));
      return seen;
    };
    const known = await answers(DEMO_CUSTOMER_EMAIL, "198.51.100.22");
    expect(known.at(-1)).toEqual(rateLimited);
    expect(await answers("nobody-here@example.com", "198.51.100.23")).toEqual(known);
  });

  it("limits one client address to 50 failures a window across e-mail addresses", async () => {
    nextWindow();
    const ip = "203.0.113.30";
    for (let i = 0; i < customerSignInLimits.maxCodeFailuresPerAddress; i++) {
      expect((await verifyCode(`guess-${i}@example.com`, "12345678", ip)).status).toBe(400);
    }
    await requestCode(DEMO_CUSTOMER_EMAIL, "203.0.113.31");
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    expect(await answer(await verifyCode(DEMO_CUSTOMER_EMAIL, code, ip))).toEqual(rateLimited);
    expect((await verifyCode(DEMO_CUSTOMER_EMAIL, code, "203.0.113.31")).status).toBe(200);
  });
});

describe("after a restart", () => {
  it("keeps the counts: a new app on the same database file still refuses", async () => {
    nextWindow();
    for (let i = 0; i < customerSignInLimits.maxCodeRequestsPerEmail; i++)
      await requestCode(DEMO_CUSTOMER_EMAIL, "198.51.100.40");
    for (let i = 0; i < customerSignInLimits.maxCodeFailuresPerEmail; i++) {
      await verifyCode("someone-else@example.com", "12345678", "198.51.100.41");
    }

    const db = await openDatabase(t.env.databasePath);
    try {
      const sent: string[] = [];
      const mailer: Mailer = {
        async send(message) {
          sent.push(message.to);
        },
      };
      const restarted = createPortalApp({
        db,
        env: t.env,
        mail: createMailQueue(mailer),
        now: () => START + elapsed,
      });
      expect(await answer(await requestCode(DEMO_CUSTOMER_EMAIL, "198.51.100.42", restarted))).toEqual(rateLimited);
      expect(await answer(await verifyCode("someone-else@example.com", "12345678", "198.51.100.43", restarted))).toEqual(
        rateLimited,
      );
      expect(sent).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
