import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, expect, findCustomer, openPage, restrictCustomer, test, uniqueLetters } from "./fixtures.ts";

/*
 * Issue 14 B: retention that is safe to run. A due customer whose processing is restricted for a legal claim
 * (Art. 18(1)(c)) is listed as skipped with the reason and left whole by the run; the last runs show their counts.
 * Retention works on the whole register, so this runs in the serial "register" project (@register) and asserts
 * only on the customers it created.
 */

test("a due customer under a legal-claim restriction is listed as skipped with the reason, the run leaves them, and the last runs show the counts (fi, en)", {
  tag: "@register",
}, async ({ db, page, customer, staffMember, signInAsStaff }) => {
  const restricted = await customer({ endedLongAgo: true, lastName: `Rajoitettu-${uniqueLetters()}` });
  await restrictCustomer(db, restricted.id, "legalClaim");
  const due = await customer({ endedLongAgo: true, lastName: `Erääntynyt-${uniqueLetters()}` });
  await signInAsStaff((await staffMember({ role: "admin" })).id);

  await openPage(page, "/admin/retention", "fi", "Säilytysajan päättyminen");
  const heldFi = page.getByRole("table", { name: "Asiakkaat, jotka ajo ohittaa, ja syy" });
  await expect(heldFi.getByRole("row", { name: new RegExp(restricted.name) })).toContainText(
    "Käsittelyä on rajoitettu (GDPR 18 art.)",
  );
  await expect(page.getByRole("heading", { name: "Viimeisimmät ajot" })).toBeVisible();
  await expectNoAxeViolations(page);

  await chooseLanguage(page, "en");
  const held = page.getByRole("table", { name: "Customers the run skips, and why" });
  await expect(held.getByRole("row", { name: new RegExp(restricted.name) })).toContainText(
    "Processing is restricted (GDPR Art. 18)",
  );
  const dueTable = page.getByRole("table", { name: "Customers whose retention period has ended" });
  await expect(dueTable.getByRole("row", { name: new RegExp(due.name) })).toBeVisible();
  await expect(dueTable).not.toContainText(restricted.name);

  await page.getByLabel(/I have checked the list/).check();
  await page.getByRole("button", { name: /^Anonymise \d+ customers$/ }).click();
  await expect(page.getByText(/^Done: \d+ customers anonymised, 0 skipped\.$/)).toBeVisible();
  // The restricted customer is still listed as skipped, and whole.
  await expect(held.getByRole("row", { name: new RegExp(restricted.name) })).toBeVisible();
  expect(await findCustomer(db, restricted.id)).toMatchObject({ lastName: restricted.lastName, anonymisedAt: null });
  expect((await findCustomer(db, due.id))?.anonymisedAt).not.toBeNull();

  const runs = page.getByRole("table", { name: "The last retention runs and their counts" });
  const latest = runs.getByRole("row").nth(1);
  await expect(latest).toContainText("Administrator");
  await expect(latest).toContainText("Done");
  await expect(latest.getByRole("cell").nth(2)).toHaveText(/^[1-9]\d*$/);
  await expectNoAxeViolations(page);

  await chooseLanguage(page, "fi");
  await expect(page.getByRole("table", { name: "Viimeisimmät säilytysajan ajot ja niiden määrät" })).toContainText(
    "Ylläpitäjä",
  );
  await expectNoAxeViolations(page);
});
