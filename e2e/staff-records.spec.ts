import fs from "node:fs";
import path from "node:path";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_MAIL_DIR, E2E_PORTAL_PORT, E2E_STAFF_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, openPage, test, uniqueLetters } from "./fixtures.ts";

/*
 * Staff record-keeping (issue 12, E1) end to end, in both languages: an agent creates a customer from a phone call,
 * corrects their e-mail address and records the objection they phoned in, which the customer then sees in the
 * portal's marketing history; and a paper access request whose requester's identity is verified before the data
 * goes to the e-mail address on record. Each test creates its own customer and agent.
 */

const PORTAL = `http://localhost:${E2E_PORTAL_PORT}`;
const STAFF = `http://localhost:${E2E_STAFF_PORT}`;
const root = path.resolve(import.meta.dirname, "..");

const texts = {
  fi: {
    newTitle: "Uusi asiakas",
    firstName: "Etunimi",
    lastName: "Sukunimi",
    email: "Sähköpostiosoite",
    reason: "Perustelu",
    create: "Luo asiakas",
    correctRegion: "Korjaa tietoja",
    newEmail: "Sähköpostiosoite: uusi arvo",
    correct: "Tallenna korjaus",
    corrected: "Korjaus tallennettiin.",
    objectionRegion: "Kirjaa vastustus",
    phone: "Puhelimitse",
    directAdvertising: "Suoramainonta",
    record: "Kirjaa",
    recorded: "Vastustus kirjattiin.",
    marketingHeading: "Markkinointikiellot",
    historyCaption: "Markkinointikieltojesi muutokset, uusin ensin",
    staffChannel: "Asiakaspalvelu",
    accessRequest: "Tarkastuspyyntö",
    sendRegion: "Tietojen lähettäminen asiakkaalle",
    inPerson: "Henkilökohtaisesti, henkilöllisyystodistuksen kanssa",
    verify: "Kirjaa varmistus",
    verified: "Henkilöllisyyden varmistus kirjattiin.",
    send: "Lähetä tiedot asiakkaalle",
    sent: "Tiedot lähetettiin rekisterissä olevaan osoitteeseen",
    notVerified: "Varmista ensin pyytäjän henkilöllisyys.",
  },
  en: {
    newTitle: "New customer",
    firstName: "First name",
    lastName: "Last name",
    email: "E-mail address",
    reason: "Reason",
    create: "Create the customer",
    correctRegion: "Correct the data",
    newEmail: "E-mail address: new value",
    correct: "Save the correction",
    corrected: "The correction was saved.",
    objectionRegion: "Record an objection",
    phone: "By phone",
    directAdvertising: "Direct advertising",
    record: "Record",
    recorded: "The objection was recorded.",
    marketingHeading: "Marketing objections",
    historyCaption: "Changes to your marketing objections, newest first",
    staffChannel: "Customer service",
    accessRequest: "Access request",
    sendRegion: "Sending the data to the customer",
    inPerson: "In person, with an identity document",
    verify: "Record the verification",
    verified: "The identity verification was recorded.",
    send: "Send the data to the customer",
    sent: "The data was sent to the address in the register",
    notVerified: "Verify the requester's identity first.",
  },
} as const;

/** The raw .eml messages to `email` written since `after` (the demo mailbox), oldest first. */
function mailsTo(email: string, after: number): string[] {
  const dir = path.join(root, E2E_MAIL_DIR);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
  return files
    .sort()
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).mtimeMs >= after)
    .map((f) => fs.readFileSync(f, "utf8"))
    .filter((text) => new RegExp(`^To: ${email}$`, "m").test(text));
}

// Each test goes through several screens, each checked with axe, on a machine shared with other runs.
test.slow();

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`staff create a customer, correct their e-mail and record a phone objection the customer sees (${locale})`, async ({
    page,
    signInNewStaffMember,
    signInAsCustomer,
  }) => {
    await signInNewStaffMember();
    await openPage(page, "/customers/new", locale, t.newTitle);
    await expectNoAxeViolations(page);

    const firstName = "Puhelin";
    const lastName = `Asiakas${uniqueLetters(6)}`;
    const firstEmail = `${lastName.toLowerCase()}@example.com`;
    await page.getByLabel(t.firstName, { exact: true }).fill(firstName);
    await page.getByLabel(t.lastName, { exact: true }).fill(lastName);
    await page.getByLabel(t.email, { exact: true }).fill(firstEmail);
    await page.getByLabel(t.reason, { exact: true }).fill("Asiakas soitti ja pyysi asiakkuutta.");
    await page.getByRole("button", { name: t.create }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${firstName} ${lastName}` })).toBeVisible();
    const customerId = page.url().split("/customers/")[1] ?? "";
    expect(customerId).toMatch(/^[a-z0-9]+$/);
    await expectNoAxeViolations(page);

    // The address was mistyped on the phone: staff correct it; both addresses are told.
    const correctedEmail = `oikea-${lastName.toLowerCase()}@example.com`;
    const before = Date.now() - 1000;
    const correctForm = page.getByRole("region", { name: t.correctRegion });
    await correctForm.getByLabel(t.newEmail).fill(correctedEmail);
    await correctForm.getByLabel(t.reason, { exact: true }).fill("Asiakas soitti: osoitteessa oli kirjoitusvirhe.");
    await correctForm.getByRole("button", { name: t.correct }).click();
    await expect(correctForm.getByRole("status")).toHaveText(t.corrected);
    await expect(page.getByText(correctedEmail).first()).toBeVisible();
    await expect.poll(() => mailsTo(correctedEmail, before).length).toBeGreaterThan(0);
    await expect.poll(() => mailsTo(firstEmail, before).length).toBeGreaterThan(0);

    const objectionForm = page.getByRole("region", { name: t.objectionRegion });
    await objectionForm.getByRole("radio", { name: t.phone }).check();
    await objectionForm.getByRole("checkbox", { name: t.directAdvertising }).check();
    await objectionForm.getByLabel(t.reason, { exact: true }).fill("Asiakas kielsi suoramainonnan puhelimessa.");
    await objectionForm.getByRole("button", { name: t.record, exact: true }).click();
    await expect(objectionForm.getByRole("status")).toHaveText(t.recorded);
    await expectNoAxeViolations(page);

    // The customer sees the objection in their marketing history, made by customer service.
    await signInAsCustomer(customerId);
    const portal = await page.context().newPage();
    await portal.goto(`${PORTAL}/marketing`);
    await chooseLanguage(portal, locale);
    await expect(portal.getByRole("heading", { level: 1, name: t.marketingHeading })).toBeVisible();
    const history = portal.getByRole("table", { name: t.historyCaption });
    await expect(history.getByRole("row").filter({ hasText: t.staffChannel })).toHaveCount(1);
    await expect(history).toContainText(t.directAdvertising);
  });

  test(`a paper access request: identity verified, then the data goes to the e-mail on record (${locale})`, async ({
    page,
    customer,
    signInNewStaffMember,
  }) => {
    const who = await customer();
    await signInNewStaffMember();
    await page.goto("/");
    const res = await page.request.post(`${STAFF}/api/staff/requests`, {
      data: {
        customerId: who.id,
        channel: "paper",
        receivedOn: new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(new Date()),
        request: { type: "access", text: "Kirje: pyydän kaikki tietoni." },
      },
      headers: { origin: STAFF },
    });
    expect(res.status()).toBe(201);
    const requestId = ((await res.json()) as { request: { id: string } }).request.id;

    await openPage(page, `/requests/${requestId}`, locale, `${t.accessRequest}: ${who.name}`);
    const panel = page.getByRole("region", { name: t.sendRegion });
    await expect(panel).toBeVisible();
    await expectNoAxeViolations(page);

    // Nothing leaves before the identity is verified.
    await panel.getByRole("button", { name: t.send }).click();
    await expect(panel.getByRole("alert").filter({ hasText: t.notVerified })).toBeVisible();

    await panel.getByRole("radio", { name: t.inPerson }).check();
    await panel.getByRole("button", { name: t.verify }).click();
    await expect(page.getByRole("status").filter({ hasText: t.verified })).toBeVisible();
    await expectNoAxeViolations(page);

    const before = Date.now() - 1000;
    await panel.getByRole("button", { name: t.send }).click();
    await expect(page.getByRole("status").filter({ hasText: t.sent })).toBeVisible();
    await expect
      .poll(() => mailsTo(who.email, before).some((m) => /Content-Disposition: attachment/i.test(m)))
      .toBe(true);
    await expectNoAxeViolations(page);
  });
}
