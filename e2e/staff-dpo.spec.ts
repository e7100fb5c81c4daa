import fs from "node:fs";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_PORTAL_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, test, totpCodeFor } from "./fixtures.ts";

/*
 * Issue 14 G — the data-protection officer's seat, in both languages: a dpo signs in with the form and lands on the
 * audit trail; their menu has the trail, the request statistics and their own sign-in security, not the customer
 * search, whose address answers "no access"; they download the trail as CSV and JSON (with the checkpoints) and see
 * the statistics, where a request a customer just made is counted. Each test makes its own dpo and customer.
 */

const PORTAL = `http://localhost:${E2E_PORTAL_PORT}`;

const texts = {
  fi: {
    user: "Käyttäjätunnus",
    password: "Salasana",
    signIn: "Kirjaudu",
    code: "Todennuskoodi",
    audit: "Lokitiedot",
    statistics: "Pyyntötilastot",
    security: "Kirjautumisen turvallisuus",
    customers: "Asiakkaat",
    requests: "Pyynnöt",
    noAccess: "Ei käyttöoikeutta",
    csv: "Lataa CSV",
    json: "Lataa JSON",
    caption: "Pyynnöt vastaanottokuukauden ja tyypin mukaan",
    other: "Muu pyyntö",
    received: "Vastaanotettu",
  },
  en: {
    user: "User name",
    password: "Password",
    signIn: "Sign in",
    code: "Authentication code",
    audit: "Audit trail",
    statistics: "Request statistics",
    security: "Sign-in security",
    customers: "Customers",
    requests: "Requests",
    noAccess: "No access",
    csv: "Download CSV",
    json: "Download JSON",
    caption: "Requests by month of receipt and type",
    other: "Other request",
    received: "Received",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`a data-protection officer reads and exports the trail and sees the statistics, nothing else (${locale})`, async ({
    page,
    staffMember,
    signInNewCustomer,
  }) => {
    // Two downloads and three screens checked with axe.
    test.slow();
    // A request received today, for the statistics to count.
    await signInNewCustomer();
    const made = await page.request.post(`${PORTAL}/api/portal/requests`, {
      data: { type: "other", text: `DPO e2e ${locale}` },
      headers: { origin: PORTAL },
    });
    expect(made.status()).toBe(201);

    const dpo = await staffMember({ role: "dpo" });
    await page.goto("/");
    await chooseLanguage(page, locale);
    await page.getByLabel(t.user).fill(dpo.username);
    await page.getByLabel(t.password).fill(dpo.password);
    await page.getByRole("button", { name: t.signIn, exact: true }).click();
    await page.getByLabel(t.code).fill(totpCodeFor(dpo.totpSecret ?? ""));
    await page.getByRole("button", { name: t.signIn, exact: true }).click();

    // Home is the audit trail; the menu has only what the dpo may use.
    await expect(page.getByRole("heading", { level: 1, name: t.audit })).toBeVisible();
    const nav = page.getByRole("navigation");
    await expect(nav.getByRole("link", { name: t.audit })).toBeVisible();
    await expect(nav.getByRole("link", { name: t.statistics })).toBeVisible();
    await expect(nav.getByRole("link", { name: t.security })).toBeVisible();
    await expect(nav.getByRole("link", { name: t.customers })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: t.requests })).toHaveCount(0);
    await expect(page.getByRole("table")).toBeVisible();
    await expectNoAxeViolations(page);

    // The export, as CSV and as JSON with the checkpoints.
    const csvDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: t.csv }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvText = fs.readFileSync(await csv.path(), "utf8").replace(/^\uFEFF/, "");
    expect(csvText.split("\r\n")[0]).toMatch(/^record,seq,at,actor_type,.*,hash,key_id,signature$/);
    expect(csvText).toContain("\r\nentry,");
    const jsonDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: t.json }).click();
    const json = await jsonDownload;
    expect(json.suggestedFilename()).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(fs.readFileSync(await json.path(), "utf8")) as {
      entries: { action: string }[];
      checkpoints: unknown[];
    };
    expect(Array.isArray(file.checkpoints)).toBe(true);
    // The CSV export was audited before its file was made, so the JSON one holds it.
    expect(file.entries.map((e) => e.action)).toContain("audit.exported");

    // The statistics: today's request counted under its type in a table with row and column headers.
    await nav.getByRole("link", { name: t.statistics }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.statistics })).toBeVisible();
    const table = page.getByRole("table", { name: t.caption });
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader", { name: t.received })).toBeVisible();
    await expect(table.getByRole("rowheader", { name: t.other }).first()).toBeVisible();
    await expectNoAxeViolations(page);

    // The customer search's address says "no access", in the page's language.
    await page.goto("/");
    await chooseLanguage(page, locale);
    await expect(page.getByRole("heading", { level: 1, name: t.noAccess })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
