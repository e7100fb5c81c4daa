import { randomInt } from "node:crypto";
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_PORTAL_PORT, E2E_STAFF_PORT } from "./e2e-env.ts";
import {
  chooseLanguage,
  demo,
  expect,
  findCustomer,
  openPage,
  test,
  tracesInRegister,
  uniqueLetters,
} from "./fixtures.ts";

/*
 * Erasure as anonymisation, restriction, the mailing list and retention, end to end. Each test creates the
 * customers and staff members it uses. The mailing list and retention work on the whole register: they are
 * tagged @register and run one at a time in the serial "register" project (playwright.config.ts), and they assert
 * only on customers they created.
 */

const PORTAL = `http://localhost:${E2E_PORTAL_PORT}`;
const STAFF = `http://localhost:${E2E_STAFF_PORT}`;

async function portalRequest(page: Page, data: Record<string, string>) {
  const res = await page.request.post(`${PORTAL}/api/portal/requests`, { data, headers: { origin: PORTAL } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { request: { id: string } }).request.id;
}

test("an agent erases an unblocked customer through the request page and no personal data is left (fi, en)", async ({
  db,
  page,
  signInNewStaffMember,
  signInNewCustomer,
}) => {
  // A name and phone found nowhere else in the register, so any trace left behind is this customer's.
  const letters = uniqueLetters();
  const unique = {
    firstName: `Eemeli-${letters}`,
    lastName: `Poistettavainen-${letters}`,
    phone: `+35845${randomInt(1_000_000, 10_000_000)}`, // synthetic customers have +35840 numbers
  };
  const { id, email } = await signInNewCustomer(unique);
  const requestId = await portalRequest(page, { type: "erasure", text: `Poistakaa tietoni. ${unique.firstName}` });

  await signInNewStaffMember();
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
  expect((await findCustomer(db, id))?.anonymisedAt).toBeNull();

  await panel.getByLabel(/I have checked the grounds/).check();
  await execute.click();
  await expect(panel.getByText("The customer's data has been anonymised.")).toBeVisible();
  await expectNoAxeViolations(page);

  const after = await findCustomer(db, id);
  expect(after).toMatchObject({ firstName: "", lastName: "", email: null, anonymisedAt: expect.any(Number) });
  expect(await tracesInRegister(db, [email, unique.firstName, unique.lastName, unique.phone])).toEqual([]);
});

test("an agent applies a restriction the customer asked for, the portal shows it, and it is lifted after notice with a reason (fi, en)", async ({
  page,
  signInNewCustomer,
  signInNewStaffMember,
}) => {
  await signInNewCustomer();
  const requestId = await portalRequest(page, { type: "restriction", ground: "accuracyContested" });

  await signInNewStaffMember();
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
    return (await res.json()) as {
      restriction: { ground: string } | null;
      endedRestrictions: { liftReason: string | null }[];
      requests: { id: string; state: string }[];
    };
  };
  const restricted = await portalView();
  expect(restricted.restriction).toMatchObject({ ground: "accuracyContested" });
  expect(restricted.requests.find((r) => r.id === requestId)?.state).toBe("completed");

  await expect(panel.getByRole("button", { name: "Lift the restriction" })).toHaveCount(0);
  await panel.getByRole("button", { name: "Send the notice to the customer" }).click();
  await expect(panel.getByText(/Customer notified on/)).toBeVisible();

  // Lifting takes a reason that fits the ground; without one it is refused, in the staff member's language.
  await chooseLanguage(page, "fi");
  const paneeli = page.getByRole("region", { name: "Käsittelyn rajoittaminen" });
  const syyt = paneeli.getByRole("group", { name: /Syy rajoituksen poistamiseen/ });
  await expect(syyt.getByRole("radio")).toHaveCount(2);
  await paneeli.getByRole("button", { name: "Poista rajoitus" }).click();
  await expect(syyt.getByText("Valitse syy rajoituksen poistamiselle. Asiakas näkee sen.")).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await portalView()).restriction).not.toBeNull();

  await chooseLanguage(page, "en");
  await panel.getByRole("radio", { name: "The accuracy of the data has been verified" }).check();
  await panel.getByRole("button", { name: "Lift the restriction" }).click();
  await expect(panel.getByText(/The restriction was lifted on/)).toBeVisible();
  await expect(panel.getByText("Reason: The accuracy of the data has been verified.")).toBeVisible();
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "fi");
  await expect(paneeli.getByText("Syy: Tietojen paikkansapitävyys on tarkistettu.")).toBeVisible();
  const after = await portalView();
  expect(after.restriction).toBeNull();
  expect(after.endedRestrictions).toEqual([expect.objectContaining({ liftReason: "accuracyVerified" })]);
});

test("approving a correction is refused under a legal-claim restriction and ends a contested-accuracy one (fi, en)", async ({
  page,
  signInNewCustomer,
  signInNewStaffMember,
}) => {
  await signInNewCustomer();
  const legal = await portalRequest(page, { type: "restriction", ground: "legalClaim" });
  const correction = await portalRequest(page, {
    type: "rectification",
    field: "lastName",
    newValue: "Oikeanimi",
    reason: "Sukunimeni on väärin.",
  });
  await signInNewStaffMember();
  const staffPost = async (path: string, data: Record<string, unknown> = {}) => {
    const res = await page.request.post(`${STAFF}/api/staff${path}`, { data, headers: { origin: STAFF } });
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()) as { restriction: { id: string } };
  };
  const { restriction } = await staffPost(`/operations/restriction/${legal}/apply`);

  // Under a legal claim the data are kept as they are: the desk says why and changes nothing.
  await page.goto(`/requests/${correction}`);
  await chooseLanguage(page, "fi");
  await page.getByRole("button", { name: "Hyväksy ja tee korjaus" }).click();
  await expect(page.getByText(/Korjausta ei voi tehdä: asiakkaan tietojen käsittely on rajoitettu/)).toBeVisible();
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "en");
  await page.getByRole("button", { name: "Approve and make the correction" }).click();
  await expect(
    page.getByText(/The correction cannot be made: processing of the customer's data is restricted/),
  ).toBeVisible();

  // The legal claim is over; the customer contests the accuracy instead, and the correction settles it.
  await staffPost(`/operations/restriction/${restriction.id}/notify-lift`);
  // Issue 13: the lift waits until the notice's mail has been delivered (the outbox sends it just after the commit).
  await expect
    .poll(async () => {
      const res = await page.request.post(`${STAFF}/api/staff/operations/restriction/${restriction.id}/lift`, {
        data: { reason: "legalClaimConcluded" },
        headers: { origin: STAFF },
      });
      return res.status();
    })
    .toBe(200);
  await page.goto(`/requests/${legal}`);
  await expect(page.getByText("Reason: The data are no longer needed for the legal claim.")).toBeVisible();
  const accuracy = await portalRequest(page, { type: "restriction", ground: "accuracyContested" });
  await staffPost(`/operations/restriction/${accuracy}/apply`);

  await page.goto(`/requests/${correction}`);
  await page.getByRole("button", { name: "Approve and make the correction" }).click();
  await expect(page.getByText("The correction was made in the register.")).toBeVisible();
  await page.goto(`/requests/${accuracy}`);
  const panel = page.getByRole("region", { name: "Restriction of processing" });
  await expect(panel.getByText("Reason: The contested data was corrected as the customer asked.")).toBeVisible();
  await expect(
    panel.getByText(/The restriction ended when the customer's correction request was approved/),
  ).toBeVisible();
  await expect(panel.getByRole("link", { name: `correction request ${correction}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "fi");
  await expect(page.getByRole("link", { name: `korjauspyyntö ${correction}` })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the mailing list page downloads a CSV that leaves out a customer who objected (fi, en)", {
  tag: "@register",
}, async ({ page, customer, signInAsCustomer, signInNewStaffMember }) => {
  const [objector, other] = await Promise.all([customer(), customer()]);
  await signInAsCustomer(objector.id);
  const objected = await page.request.put(`${PORTAL}/api/portal/marketing`, {
    data: { changes: [{ purpose: "directAdvertising", objected: true }] },
    headers: { origin: PORTAL },
  });
  expect(objected.status()).toBe(200);

  await signInNewStaffMember();
  await openPage(page, "/mailing-list", "fi", "Suoramainonnan postituslista");
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
  expect(csv).not.toContain(objector.email);
  expect(csv).toContain(other.email);

  // The customer is left out of this purpose only: another purpose still lists them.
  await page.getByLabel("Purpose").selectOption({ label: "Market research" });
  await expect(page.getByRole("link", { name: /Download CSV/ })).toHaveAttribute("href", /purpose=marketResearch/);
});

test("an admin's retention dry run lists a customer whose relationship ended long ago and running it anonymises them (en, fi)", {
  tag: "@register",
}, async ({ db, page, customer, staffMember, signInAsStaff }) => {
  // A relationship that ended in 2015, under a name no other customer has.
  const ended = await customer({ endedLongAgo: true, lastName: `Päättynyt-${uniqueLetters()}` });
  await signInAsStaff((await staffMember({ role: "admin" })).id);
  await openPage(page, "/admin/retention", "fi", "Säilytysajan päättyminen");
  await expect(page.getByRole("link", { name: ended.name })).toBeVisible();
  await expectNoAxeViolations(page);

  await chooseLanguage(page, "en");
  const table = page.getByRole("table", { name: "Customers whose retention period has ended" });
  await expect(table.getByRole("row", { name: new RegExp(ended.name) })).toContainText(ended.id);
  await expect(table).not.toContainText("Aino Asiakas");
  const run = page.getByRole("button", { name: /^Anonymise \d+ customers$/ });
  await run.click();
  await expect(page.getByText("First confirm that you have checked the list.")).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await findCustomer(db, ended.id))?.anonymisedAt).toBeNull();

  await page.getByLabel(/I have checked the list/).check();
  await run.click();
  await expect(page.getByText(/^Done: \d+ customers anonymised, 0 skipped\.$/)).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Progress of the run" })).toBeVisible();
  await expect(page.getByText("No customer's retention period has ended.")).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await findCustomer(db, ended.id)).toMatchObject({ firstName: "", lastName: "", email: null });
});

test("an agent is told retention is for administrators", async ({ page, signInAsStaff }) => {
  await signInAsStaff(demo.agent.id);
  await page.goto("/admin/retention");
  await chooseLanguage(page, "en");
  await expect(page.getByText("Only an administrator can run retention.")).toBeVisible();
  await expectNoAxeViolations(page);
});
