import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, desc, eq, gt, max } from "drizzle-orm";
import { afterAll } from "vitest";
import { totpCodeForStep, totpStep } from "../auth/totp.ts";
import { openDatabase } from "../db/client.ts";
import { auditLog, staffUsers } from "../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL, seedDemo } from "../db/seed-demo.ts";
import { createDeps } from "../deps.ts";
import { parseEnv } from "../env.ts";
import type { Mailer, MailMessage } from "../mail/mailer.ts";
import { createPortalApp } from "../portal-app.ts";
import { createStaffApp } from "../staff-app.ts";
import { openTestDatabase } from "./test-database.ts";

export const PORTAL_ORIGIN = "http://localhost:3000";

/** A code as the mails show it: on its own between spaces, "1234 5678" (sign-in) or "123456" (confirmation). */
const CODE_IN_BODY = /(?:^|\s)(\d{4} \d{4}|\d{6,8})(?=[.\s]|$)/m;
export const STAFF_ORIGIN = "http://localhost:3001";

/**
 * A fresh demo register in a real SQLite file of its own (one per test file, so files running on
 * different workers never share a database), a clock the test controls and the mail that was sent.
 */
export async function createTestContext(
  envOverrides: Record<string, string> = {},
  /**
   * `mailer`: a real one (the SMTP test) instead of capturing into `sent`, which then stays empty.
   * `engine: "sqlite"`: a SQLite file whatever the run's engine (the source of `pnpm db:copy`'s test).
   */
  options: { mailer?: Mailer; engine?: "sqlite" } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tietoni-bff-${process.env.VITEST_POOL_ID ?? "0"}-`));
  // Issue 16: a SQLite file, or a PostgreSQL database of its own in the `bff-pg` run.
  const file = path.join(dir, "register.sqlite");
  const opened =
    options.engine === "sqlite"
      ? { db: await openDatabase(file), env: { DATABASE_PATH: file } }
      : await openTestDatabase(file);
  const env = parseEnv({
    NODE_ENV: "test",
    ...opened.env,
    MAIL_DIR: path.join(dir, "mail"),
    // Issue 15 F: the erasure journal of this test's register, beside it (never the repository's var/state).
    STATE_DIR: path.join(dir, "state"),
    STATIC_DIR_PORTAL: path.join(dir, "no-portal-build"),
    STATIC_DIR_STAFF: path.join(dir, "no-staff-build"),
    PORTAL_ORIGIN,
    STAFF_ORIGIN,
    ...envOverrides,
  });
  fs.mkdirSync(env.staticDirPortal);
  fs.mkdirSync(env.staticDirStaff);
  const db = opened.db;
  await seedDemo(db);
  const sent: MailMessage[] = [];
  let clock = Date.UTC(2026, 10, 25, 10, 0, 0);
  const mailer: Mailer = {
    async send(message) {
      sent.push(message);
    },
  };
  const deps = createDeps({ db, env, mailer: options.mailer ?? mailer, now: () => clock });
  /** Waits for what requests left running: transactions, after-commit tasks and mail being delivered. */
  const settle = async () => {
    await db.settled();
    await deps.outbox.idle();
    await db.settled();
  };
  const portal = createPortalApp(deps);
  const staff = createStaffApp(deps);

  const post = async (app: typeof portal, origin: string, url: string, body: unknown, cookie?: string) => {
    const res = await app.request(url, {
      method: "POST",
      headers: { "content-type": "application/json", origin, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    // Some work runs just after the answer (a sign-in code is issued after "sent"): let it finish. It takes more
    // than a turn of the event loop: round trips on PostgreSQL, the group commit's turn on SQLite (decision 015).
    await settle();
    return res;
  };

  /** The `name=value` pair of the session cookie a response set. */
  const cookieFrom = (res: Response) => {
    const header = res.headers.get("set-cookie");
    if (!header) throw new Error("no session cookie was set");
    return header.split(";")[0] ?? "";
  };

  return {
    db,
    env,
    sent,
    deps,
    /** Waits for the work requests left running (transactions, after-commit tasks, mail), for a test's own requests. */
    settle,
    /** The outbox: `await t.outbox.idle()` waits for deliveries started by a request; `deliverDue()` runs retries. */
    outbox: deps.outbox,
    portal,
    staff,
    advance(ms: number) {
      clock += ms;
    },
    /** The context's clock, as the apps read it. */
    now: () => clock,
    postPortal: (url: string, body: unknown, cookie?: string) => post(portal, PORTAL_ORIGIN, url, body, cookie),
    postStaff: (url: string, body: unknown, cookie?: string) => post(staff, STAFF_ORIGIN, url, body, cookie),
    /** The newest audit entry's number (0 for an empty trail), to read what a step appends after it. */
    async lastAuditSeq() {
      return (
        (
          await db
            .select({ seq: max(auditLog.seq) })
            .from(auditLog)
            .get()
        )?.seq ?? 0
      );
    },
    /** The newest audit entry, if any. */
    lastAudit() {
      return db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
    },
    /** The audit entries appended after entry `seq`, oldest first. */
    auditSince(seq: number) {
      return db.select().from(auditLog).where(gt(auditLog.seq, seq)).orderBy(asc(auditLog.seq)).all();
    },
    /**
     * The code in the newest mail to `email` (a sign-in or confirmation code), digits only. Codes are in the body,
     * never the subject (issue 11); a subject's trailing code is still read, for a mail written the old way.
     */
    lastCodeFor(email: string) {
      const mail = sent.findLast((m) => m.to === email);
      const code = mail?.text.match(CODE_IN_BODY)?.[1] ?? mail?.subject.match(/(\d{6,8})$/)?.[1];
      if (!code) throw new Error(`no sign-in code was mailed to ${email}`);
      return code.replace(/\s/g, "");
    },
    /** The sign-in link's secret (what follows `#`) in the newest mail to `email`. */
    lastLinkFor(email: string) {
      const link = sent.findLast((m) => m.to === email)?.text.match(/\/sign-in\/link#(\S+)/)?.[1];
      if (!link) throw new Error(`no sign-in link was mailed to ${email}`);
      return link;
    },
    async signInCustomer(email: string) {
      await post(portal, PORTAL_ORIGIN, "/api/portal/auth/request-code", { email });
      const code = this.lastCodeFor(email);
      const res = await post(portal, PORTAL_ORIGIN, "/api/portal/auth/verify-code", { email, code });
      if (res.status !== 200) throw new Error(`customer sign-in failed: ${res.status} ${await res.text()}`);
      return cookieFrom(res);
    },
    /**
     * Signs a staff member in as the sign-in form does: the password, and for an enrolled account (every demo
     * account) an authenticator code the account has not used yet. A code works once (issue 11), so a test that
     * signs the same person in again gets the next unused step of the ±1 window, and when all three are used the
     * clock moves on one step (30 s), as a person would wait for the next code.
     */
    async signInStaff(username: string, password: string) {
      const totp = await this.unusedTotpCode(username);
      const body = totp === undefined ? { username, password } : { username, password, totp };
      const res = await post(staff, STAFF_ORIGIN, "/api/staff/auth/sign-in", body);
      if (res.status !== 200) throw new Error(`staff sign-in failed: ${res.status}`);
      return cookieFrom(res);
    },
    /** The current authenticator code of a base32 secret on the context's clock. */
    totpCode(secret: string) {
      return this.totpCodeAt(secret, clock);
    },
    /** The authenticator code of a base32 secret at `timestamp`. */
    totpCodeAt(secret: string, timestamp: number) {
      return totpCodeForStep(secret, totpStep(timestamp));
    },
    /**
     * A code of `username`'s key that the BFF will accept now and has not accepted before (undefined for an
     * account without two-factor sign-in).
     */
    async unusedTotpCode(username: string): Promise<string | undefined> {
      const user = await db.select().from(staffUsers).where(eq(staffUsers.username, username.toLowerCase())).get();
      if (!user?.totpSecret || user.totpEnabledAt === null) return undefined;
      const last = user.totpLastStep ?? Number.NEGATIVE_INFINITY;
      for (;;) {
        const now = totpStep(clock);
        const step = [now - 1, now, now + 1].find((s) => s > last);
        if (step !== undefined) return this.totpCodeAt(user.totpSecret, step * 30_000);
        clock += 30_000;
      }
    },
    /** The demo admin, with password and an unused code of the pre-enrolled demo secret. */
    signInAdmin() {
      return this.signInStaff("admin", "admin-demo-pass");
    },
    cookieFrom,
    async close() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

/**
 * For a test file that checks one customer never reaches the other's data: a context of the file's own with both
 * demo customers signed in, Aino (A, c0000001) and Matti (B, c0000002), closed after the file's tests. Call it at the
 * top of the file (`const { t, idA, cookieA, idB, cookieB } = await withBothDemoCustomers();`).
 */
export async function withBothDemoCustomers() {
  const t = await createTestContext();
  afterAll(() => t.close());
  return {
    t,
    idA: "c0000001",
    cookieA: await t.signInCustomer(DEMO_CUSTOMER_EMAIL),
    idB: "c0000002",
    cookieB: await t.signInCustomer("yhteyshenkilo@example.com"),
  };
}
