import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import Database from "better-sqlite3";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_DB, E2E_PORTAL_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, test } from "./fixtures.ts";

/*
 * Erasure as anonymisation, restriction, the mailing list and retention, end to end. Each test uses its own
 * synthetic customer (c0000140…c0000159); retention works on the demo's Pekka Päättynyt (c0000004).
 */

const root = path.resolve(import.meta.dirname, "..");
const PORTAL = `http://localhost:${E2E_PORTAL_PORT}`;

function openDb(readonly = true) {
  const db = new Database(path.join(root, E2E_DB), { readonly });
  db.pragma("busy_timeout = 5000");
  return db;
}

function customer(id: string) {
  const db = openDb();
  try {
    const row = db
      .prepare<[string], { firstName: string; lastName: string; email: string | null; anonymisedAt: number | null }>(
        "SELECT first_name AS firstName, last_name AS lastName, email, anonymised_at AS anonymisedAt FROM customers WHERE id = ?",
      )
      .get(id);
    if (!row) throw new Error(`no customer ${id}`);
    return row;
  } finally {
    db.close();
  }
}

/** Every value in every table of the e2e register, as one lower-cased text per row. */
function everyRow(): { table: string; text: string }[] {
  const db = openDb();
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all();
    return tables.flatMap(({ name }) =>
      db
        .prepare<[], Record<string, unknown>>(`SELECT * FROM "${name}"`)
        .all()
        .map((row) => ({ table: name, text: JSON.stringify(row).toLowerCase() })),
    );
  } finally {
    db.close();
  }
}

async function portalRequest(page: Page, data: Record<string, string>) {
  const res = await page.request.post(`${PORTAL}/api/portal/requests`, { data, headers: { origin: PORTAL } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { request: { id: string } }).request.id;
}

test("an agent erases an unblocked customer through the request page and no personal data is left (fi, en)", async ({
  page,
  signInAsCustomer,
  signInAsStaff,
}) => {
  const id = "c0000144";
  // A name and phone found nowhere else in the register, so any trace left behind is this customer's.
  const unique = { firstName: "Eemeli-Unohdettava", lastName: "Poistettavainen", phone: "+358409990144" };
  const db = openDb(false);
  db.prepare("UPDATE customers SET first_name = ?, last_name = ?, phone = ? WHERE id = ?").run(
    unique.firstName,
    unique.lastName,
    unique.phone,
    id,
  );
  db.prepare("UPDATE billing_details SET billing_name = ? WHERE customer_id = ?").run(
    `${unique.firstName} ${unique.lastName}`,
    id,
  );
  db.close();
  const { email } = customer(id);
  if (!email) throw new Error("the customer has no e-mail");

  await signInAsCustomer(id);
  const requestId = await portalRequest(page, { type: "erasure", text: `Poistakaa tietoni. ${unique.firstName}` });

  await signInAsStaff();
  await page.goto(`/requests/${requestId}`);
  await chooseLanguage(page, "fi");
  await expect(page.getByRole("heading", { level: 2, name: "Poiston toteuttaminen" })).toBeVisible();
  await expect(page.getByText("Mikään peruste ei estä poistoa.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Mitä poistetaan" })).toBeVisible();
  await expectNoAxeViolations(page);

  await chooseLanguage(page, "en");
  const panel = page.getByRole("region", { name: "Carrying out the erasure" });
  await expect(panel.getByText("No ground blocks erasure.")).toBeVisible();
  await expect(panel.getByRole("listitem").filter({ hasText: "E-mail address" })).toBeVisible();
  await expect(panel.getByRole("table", { name: "Data kept after the erasure" })).toContainText("bookkeeping");

  // The confirmation step: nothing happens until the staff member confirms they checked.
  const execute = panel.getByRole("button", { name: "Anonymise the customer's data" });
  await execute.click();
  await expect(panel.getByText("First confirm that you have checked the details.")).toBeVisible();
  await expectNoAxeViolations(page);
  expect(customer(id).anonymisedAt).toBeNull();

  await panel.getByLabel(/I have checked the grounds/).check();
  await execute.click();
  await expect(panel.getByText("The customer's data has been anonymised.")).toBeVisible();
  await expectNoAxeViolations(page);

  const after = customer(id);
  expect(after).toMatchObject({ firstName: "", lastName: "", email: null, anonymisedAt: expect.any(Number) });
  const needles = [email, unique.firstName, unique.lastName, unique.phone].map((n) => n.toLowerCase());
  const traces = everyRow().flatMap(({ table, text }) =>
    needles.filter((n) => text.includes(n)).map((n) => `${table}: ${n}`),
  );
  expect(traces).toEqual([]);
});

test("an agent applies a restriction the customer asked for, the portal shows it, and it is lifted after notice (en)", async ({
  page,
  signInAsCustomer,
  signInAsStaff,
}) => {
  const id = "c0000145";
  await signInAsCustomer(id);
  const requestId = await portalRequest(page, { type: "restriction", ground: "accuracyContested" });

  await signInAsStaff();
  await page.goto(`/requests/${requestId}`);
  await chooseLanguage(page, "en");
  const panel = page.getByRole("region", { name: "Restriction of processing" });
  await expect(panel.getByText("I contest the accuracy of my data")).toBeVisible();
  await expectNoAxeViolations(page);

  await panel.getByRole("button", { name: "Restrict processing" }).click();
  await expect(panel.getByText(/Processing has been restricted since/)).toBeVisible();
  await expect(panel.getByText("The customer has not been notified yet.")).toBeVisible();
  await expectNoAxeViolations(page);

  const portalView = async () => {
    const res = await page.request.get(`${PORTAL}/api/portal/requests`);
    expect(res.status()).toBe(200);
    return (await res.json()) as { restriction: { ground: string } | null; requests: { id: string; state: string }[] };
  };
  const restricted = await portalView();
  expect(restricted.restriction).toMatchObject({ ground: "accuracyContested" });
  expect(restricted.requests.find((r) => r.id === requestId)?.state).toBe("completed");

  await expect(panel.getByRole("button", { name: "Lift the restriction" })).toHaveCount(0);
  await panel.getByRole("button", { name: "Send the notice to the customer" }).click();
  await expect(panel.getByText(/Customer notified on/)).toBeVisible();
  await panel.getByRole("button", { name: "Lift the restriction" }).click();
  await expect(panel.getByText(/The restriction was lifted on/)).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await portalView()).restriction).toBeNull();
});

test("the mailing list page downloads a CSV that leaves out a customer who objected (fi, en)", async ({
  page,
  signInAsCustomer,
  signInAsStaff,
}) => {
  const objector = customer("c0000147");
  const other = customer("c0000148");
  await signInAsCustomer("c0000147");
  const objected = await page.request.put(`${PORTAL}/api/portal/marketing`, {
    data: { changes: [{ purpose: "directAdvertising", objected: true }] },
    headers: { origin: PORTAL },
  });
  expect(objected.status()).toBe(200);

  await signInAsStaff();
  await page.goto("/mailing-list");
  await chooseLanguage(page, "fi");
  await expect(page.getByRole("heading", { level: 1, name: "Suoramainonnan postituslista" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Lataa CSV-tiedosto/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await chooseLanguage(page, "en");
  await expect(page.getByLabel("Purpose")).toHaveValue("directAdvertising");
  const link = page.getByRole("link", { name: /Download CSV \(\d+ customers\)/ });
  await expect(link).toBeVisible();
  await expectNoAxeViolations(page);

  const downloading = page.waitForEvent("download");
  await link.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^mailing-list-directAdvertising-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = await download.path();
  const csv = fs.readFileSync(file, "utf8");
  expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
    "first_name,last_name,street,postal_code,city,country,email",
  );
  expect(csv).not.toContain(objector.email ?? "never");
  expect(csv).toContain(other.email ?? "missing");

  // The customer is left out of this purpose only: another purpose still lists them.
  await page.getByLabel("Purpose").selectOption({ label: "Market research" });
  await expect(page.getByRole("link", { name: /Download CSV/ })).toHaveAttribute("href", /purpose=marketResearch/);
});

test("an admin's retention dry run lists Päättynyt and running it anonymises him (en, fi)", async ({
  page,
  signInAsStaff,
}) => {
  await signInAsStaff("staff-admin");
  await page.goto("/admin/retention");
  await chooseLanguage(page, "fi");
  await expect(page.getByRole("heading", { level: 1, name: "Säilytysajan päättyminen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Pekka Päättynyt" })).toBeVisible();
  await expectNoAxeViolations(page);

  await chooseLanguage(page, "en");
  const table = page.getByRole("table", { name: "Customers whose retention period has ended" });
  await expect(table.getByRole("row", { name: /Pekka Päättynyt/ })).toContainText("c0000004");
  await expect(table).not.toContainText("Aino Asiakas");
  const run = page.getByRole("button", { name: /^Anonymise \d+ customers$/ });
  await run.click();
  await expect(page.getByText("First confirm that you have checked the list.")).toBeVisible();
  await expectNoAxeViolations(page);
  expect(customer("c0000004").anonymisedAt).toBeNull();

  await page.getByLabel(/I have checked the list/).check();
  await run.click();
  await expect(page.getByText(/^Done: \d+ customers anonymised, 0 skipped\.$/)).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Progress of the run" })).toBeVisible();
  await expect(page.getByText("No customer's retention period has ended.")).toBeVisible();
  await expectNoAxeViolations(page);
  expect(customer("c0000004")).toMatchObject({ firstName: "", lastName: "", email: null });
});

test("an agent is told retention is for administrators", async ({ page, signInAsStaff }) => {
  await signInAsStaff();
  await page.goto("/admin/retention");
  await chooseLanguage(page, "en");
  await expect(page.getByText("Only an administrator can run retention.")).toBeVisible();
  await expectNoAxeViolations(page);
});
