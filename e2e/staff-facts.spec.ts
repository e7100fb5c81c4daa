import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, demo, expect, findCustomer, test } from "./fixtures.ts";

/*
 * Staff record-keeping, part 2 (issue 12): a legal hold, an invoice's payment through the four-eyes approval, the
 * end of a role and of the relationship, each shown in the staff record. Each test creates its own customer and
 * staff member.
 */

const today = () => new Date().toISOString().slice(0, 10);

test("an agent sets a legal hold, ends a contact-person role and records the relationship's end; the record shows them (fi)", async ({
  db,
  page,
  customer,
  signInNewStaffMember,
}) => {
  // Many steps, each screen checked with axe in the two states it shows: more than the default minute.
  test.slow();
  const c = await customer({ contactPerson: true });
  await signInNewStaffMember();
  await page.goto(`/customers/${c.id}`);
  await chooseLanguage(page, "fi");
  const panel = page.getByRole("region", { name: "Kirjaukset" });
  await expect(panel.getByText("Ei säilytysvelvoitteita.")).toBeVisible();
  await expectNoAxeViolations(page);

  // A legal hold with a reason and a reference.
  await panel.getByRole("button", { name: "Aseta säilytysvelvoite" }).click();
  await panel.getByRole("button", { name: "Tallenna" }).click();
  await expect(panel.getByText("Kirjoita perustelu (vähintään 3 merkkiä).")).toBeVisible();
  await expectNoAxeViolations(page);
  await panel.getByLabel("Säilytysvelvoitteen peruste").fill("Riita-asia käräjäoikeudessa");
  await panel.getByLabel("Viite (valinnainen)").fill("KO 2026/77");
  await panel.getByRole("button", { name: "Tallenna" }).click();
  const holds = panel.getByRole("table", { name: "Säilytysvelvoitteet (estävät poiston)" });
  await expect(holds.getByRole("row", { name: /Riita-asia käräjäoikeudessa/ })).toContainText("KO 2026/77");
  await expect(holds.getByRole("row", { name: /Riita-asia/ })).toContainText("Voimassa");

  // The role ends at the end of next month: still active until then.
  const roles = panel.getByRole("table", { name: "Roolit ja niiden voimassaolo" });
  await roles.getByRole("button", { name: "Päätä rooli" }).click();
  await panel.getByLabel("Viimeinen päivä").fill("2099-01-31");
  await panel.getByLabel("Perustelu").fill("Siirtyy toiseen yritykseen, ilmoitus puhelimitse");
  await expectNoAxeViolations(page);
  await panel.getByRole("button", { name: "Päätä rooli" }).last().click();
  await expect(roles.getByRole("row", { name: new RegExp(c.organisation?.name ?? "") })).toContainText("31.1.2099");
  await expect(roles.getByRole("row", { name: new RegExp(c.organisation?.name ?? "") })).toContainText("Voimassa");

  // The end of the relationship.
  await panel.getByRole("button", { name: "Kirjaa päättyminen" }).click();
  await panel.getByLabel("Päättymispäivä").fill("2099-02-28");
  await panel.getByLabel("Perustelu").fill("Asiakas irtisanoi sopimuksen kirjeellä");
  await panel.getByRole("button", { name: "Kirjaa päättyminen" }).click();
  await expect(panel.getByText("Asiakkuus päättyy 28.2.2099.")).toBeVisible();
  await expectNoAxeViolations(page);

  expect((await findCustomer(db, c.id))?.relationshipEnd).toBe("2099-02-28");
});

test("an agent's payment waits for approval; an admin approves it in Approvals and the record shows it paid (en)", async ({
  page,
  customer,
  signInNewStaffMember,
  signInAsStaff,
}) => {
  test.slow();
  const c = await customer({ invoiceInCollection: true, orders: 1 });
  const [invoiceNumber = ""] = c.invoiceNumbers;
  await signInNewStaffMember();
  await page.goto(`/customers/${c.id}`);
  await chooseLanguage(page, "en");
  const panel = page.getByRole("region", { name: "Record-keeping" });
  const invoices = panel.getByRole("table", { name: "Invoices and their states" });
  await expect(invoices.getByRole("row", { name: new RegExp(invoiceNumber) })).toContainText("In collection");

  await invoices.getByRole("button", { name: `Record state: ${invoiceNumber}` }).click();
  await panel.getByRole("radio", { name: "Paid" }).check();
  await panel.getByLabel("Payment date").fill(today());
  await panel.getByLabel("Reason").fill("The customer sent the bank receipt");
  await expectNoAxeViolations(page);
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel.getByText("The request now waits for another person's approval (Approvals).")).toBeVisible();
  await expect(invoices.getByRole("row", { name: new RegExp(invoiceNumber) })).toContainText("Waiting for approval");

  // The requester sees it in Approvals but cannot decide it.
  await page.getByRole("link", { name: /^Approvals/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  const own = page.getByRole("row").filter({ has: page.getByRole("link", { name: c.id }) });
  await expect(own).toContainText("Your own request: someone else must decide.");
  await expectNoAxeViolations(page);

  // An admin approves it; the invoice is paid.
  await page.context().clearCookies();
  await signInAsStaff(demo.admin.id);
  await page.goto("/approvals");
  await chooseLanguage(page, "en");
  await expect(page.getByRole("link", { name: /^Approvals \(\d+\)/ })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: c.id }) });
  await expect(row).toContainText("Invoice paid");
  await expectNoAxeViolations(page);
  await row.getByRole("button", { name: `Approve: Invoice paid, ${c.id}` }).click();
  await expect(page.getByText("Approved and done.")).toBeVisible();
  await expect(page.getByRole("link", { name: c.id })).toHaveCount(0);

  await page.goto(`/customers/${c.id}`);
  const after = page.getByRole("region", { name: "Record-keeping" });
  await expect(after.getByRole("table", { name: "Invoices and their states" })).toContainText("Paid");
  await expectNoAxeViolations(page);
});
