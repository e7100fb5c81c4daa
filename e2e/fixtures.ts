import { test as base, expect, type Page } from "@playwright/test";
import { totpCodeForStep, totpStep } from "../apps/bff/src/auth/totp.ts";
import { openRegister } from "../apps/bff/src/db/open.ts";
import type { Db } from "../apps/bff/src/db/port.ts";
import {
  type CreatedCustomer,
  type CreatedStaff,
  type CustomerOptions,
  createCustomer,
  createStaffAccount,
  type StaffOptions,
  signIn,
} from "../apps/bff/src/db/test-fixtures.ts";
import { type Env, parseEnv } from "../apps/bff/src/env.ts";
import { useNoticeFile } from "../apps/bff/src/notice/notice.ts";
import { type E2eServer, e2eEnv, secondControllerEnv } from "./e2e-env.ts";

export type { CreatedCustomer, CreatedStaff } from "../apps/bff/src/db/test-fixtures.ts";
export {
  addSourceSystem,
  auditCheckpointLines,
  findCustomer,
  protectAddress,
  restrictCustomer,
  setRelationshipEnd,
  tracesInRegister,
  uniqueLetters,
} from "../apps/bff/src/db/test-fixtures.ts";

/**
 * The e2e server's configuration, parsed by the BFF's own parseEnv from what Playwright starts it with (this
 * process's environment plus e2eEnv, see playwright.config.ts): the same database, origins and cookie names.
 */
export const serverEnv: Env = parseEnv({ ...process.env, ...e2eEnv });

/*
 * The BFF code the fixtures call reads the notice as the server does (issue 15: services that write mail or
 * name parties take it from there): load the main server's file in this process too, or those calls find no notice.
 */
useNoticeFile(serverEnv.noticeFile);

/** Issue 15 C: the second e2e server's configuration (another controller's notice, its own register and ports). */
export const secondServerEnv: Env = parseEnv({ ...process.env, ...secondControllerEnv });

/** The configuration of the e2e server a project's tests talk to. */
export const envOf = (server: E2eServer): Env => (server === "second" ? secondServerEnv : serverEnv);

/**
 * The demo register's accounts (apps/bff/src/db/seed-demo.ts). Only for tests that look: a test that changes,
 * erases or signs out anything uses a customer or staff member it created (the `customer` and `staffMember`
 * fixtures), because every test of a run shares the register.
 */
export const demo = {
  customer: { id: "c0000001", email: "asiakas@example.com", name: "Aino Asiakas" },
  agent: { id: "staff-agent", username: "agent", password: "agent-demo-pass", name: "Antti Asiakaspalvelu" },
  admin: { id: "staff-admin", username: "admin", password: "admin-demo-pass" },
} as const;

async function addSessionCookie(page: Page, cookie: { name: string; value: string }, origin: string) {
  await page
    .context()
    .addCookies([{ ...cookie, url: origin, httpOnly: true, secure: serverEnv.secureCookies, sameSite: "Strict" }]);
}

export const test = base.extend<
  {
    /** Creates a customer of this test's own (unique id, e-mail address and order numbers). */
    customer: (options?: CustomerOptions) => Promise<CreatedCustomer>;
    /** Creates a staff account of this test's own; an agent unless a role is given. */
    staffMember: (options?: Partial<StaffOptions>) => Promise<CreatedStaff>;
    /** Signs the page's browser in to the portal as this customer, with a session made by the BFF's store. */
    signInAsCustomer: (id: string) => Promise<void>;
    /** Signs the page's browser in to the staff app as this staff member. */
    signInAsStaff: (id: string) => Promise<void>;
    /** Creates a customer of this test's own and signs the page's browser in to the portal as them. */
    signInNewCustomer: (options?: CustomerOptions) => Promise<CreatedCustomer>;
    /** Creates a staff account of this test's own (an agent unless a role is given) and signs in to the staff app. */
    signInNewStaffMember: (options?: Partial<StaffOptions>) => Promise<CreatedStaff>;
  },
  {
    /** Which e2e server this project's tests talk to: the main one unless the project says (playwright.config.ts). */
    e2eServer: E2eServer;
    /** The e2e register through the BFF's data port: one connection per worker, closed when the worker ends. */
    db: Db;
  }
>({
  e2eServer: ["main", { scope: "worker", option: true }],
  db: [
    async ({ e2eServer }, use) => {
      // The server's register: its SQLite file, or its PostgreSQL database under `pnpm test:e2e:pg` (issue 16).
      const db = await openRegister(envOf(e2eServer));
      try {
        await use(db);
      } finally {
        await db.close();
      }
    },
    { scope: "worker" },
  ],
  customer: async ({ db }, use) => {
    await use((options) => createCustomer(db, options));
  },
  staffMember: async ({ db }, use) => {
    await use((options) => createStaffAccount(db, { role: "agent", ...options }));
  },
  signInAsCustomer: async ({ db, page, e2eServer }, use) => {
    const env = envOf(e2eServer);
    await use(async (id) => {
      await addSessionCookie(page, await signIn(db, env, "customer", id), env.portalOrigin);
    });
  },
  signInAsStaff: async ({ db, page, e2eServer }, use) => {
    const env = envOf(e2eServer);
    await use(async (id) => {
      await addSessionCookie(page, await signIn(db, env, "staff", id), env.staffOrigin);
    });
  },
  signInNewCustomer: async ({ customer, signInAsCustomer }, use) => {
    await use(async (options) => {
      const created = await customer(options);
      await signInAsCustomer(created.id);
      return created;
    });
  },
  signInNewStaffMember: async ({ staffMember, signInAsStaff }, use) => {
    await use(async (options) => {
      const created = await staffMember(options);
      await signInAsStaff(created.id);
      return created;
    });
  },
});

/**
 * The code an authenticator app shows for a base32 key (spaces, as the enrolment page shows them, are ignored),
 * `stepsAhead` 30-second steps from now. A code works once (issue 11), so a test that signs the same person in
 * twice takes the next step's code the second time (the BFF accepts one step either side of now).
 */
export function totpCodeFor(key: string, stepsAhead = 0): string {
  return totpCodeForStep(key.replace(/\s+/g, ""), totpStep(Date.now()) + stepsAhead);
}

/** Chooses the UI language the way a user does, with the switch in the header. */
export async function chooseLanguage(page: Page, locale: "fi" | "en") {
  await page.getByRole("button", { name: locale === "fi" ? "Suomi" : "English" }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

/** Opens a page in the language chosen with the header's switch, and waits for its main heading. */
export async function openPage(page: Page, path: string, locale: "fi" | "en", heading: string | RegExp) {
  await page.goto(path);
  await chooseLanguage(page, locale);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

export { expect };
