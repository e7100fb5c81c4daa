import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { test as base, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { E2E_DB, E2E_PORTAL_PORT, E2E_STAFF_PORT } from "./e2e-env.ts";

const root = path.resolve(import.meta.dirname, "..");

/** The deterministic demo register's ids (apps/bff/src/db/seed-demo.ts). */
export const demo = {
  customer: { id: "c0000001", email: "asiakas@example.com", name: "Aino Asiakas" },
  contactPerson: { id: "c0000002", email: "yhteyshenkilo@example.com" },
  agent: { id: "staff-agent", username: "agent", password: "agent-demo-pass", name: "Antti Asiakaspalvelu" },
  admin: { id: "staff-admin", username: "admin", password: "admin-demo-pass" },
} as const;

/**
 * Creates a session row the way the BFF does (id + secret, only SHA-256 of the secret stored) and puts
 * the cookie in the browser: tests that are not about signing in skip clicking through it.
 */
function createSession(table: "customer_sessions" | "staff_sessions", subjectColumn: string, subjectId: string) {
  const id = randomBytes(15).toString("hex");
  const secret = randomBytes(15).toString("hex");
  const db = new Database(path.join(root, E2E_DB));
  try {
    db.pragma("busy_timeout = 5000");
    const now = Date.now();
    db.prepare(
      `INSERT INTO ${table} (id, secret_hash, ${subjectColumn}, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(id, createHash("sha256").update(secret).digest("hex"), subjectId, now, now);
  } finally {
    db.close();
  }
  return `${id}.${secret}`;
}

async function addCookie(page: Page, name: string, value: string, port: number) {
  await page
    .context()
    .addCookies([{ name, value, url: `http://localhost:${port}`, httpOnly: true, sameSite: "Strict" }]);
}

export const test = base.extend<{
  signInAsCustomer: (id?: string) => Promise<void>;
  signInAsStaff: (id?: string) => Promise<void>;
}>({
  signInAsCustomer: async ({ page }, use) => {
    await use(async (id = demo.customer.id) => {
      await addCookie(page, "tietoni-portal", createSession("customer_sessions", "customer_id", id), E2E_PORTAL_PORT);
    });
  },
  signInAsStaff: async ({ page }, use) => {
    await use(async (id = demo.agent.id) => {
      await addCookie(page, "tietoni-staff", createSession("staff_sessions", "staff_user_id", id), E2E_STAFF_PORT);
    });
  },
});

/** Chooses the UI language the way a user does, with the switch in the header. */
export async function chooseLanguage(page: Page, locale: "fi" | "en") {
  await page.getByRole("button", { name: locale === "fi" ? "Suomi" : "English" }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

export { expect } from "@playwright/test";
