import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_PORTAL_PORT, E2E_STAFF_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, openPage, test } from "./fixtures.ts";

/* Each test signs in as a customer it created: the e2e register is shared by every test of a run. */

const PORTAL = `http://localhost:${E2E_PORTAL_PORT}`;
const STAFF = `http://localhost:${E2E_STAFF_PORT}`;

const texts = {
  fi: {
    listTitle: "Pyynnöt",
    newTitle: "Uusi pyyntö",
    newLink: "Tee uusi pyyntö",
    erasureLink: "Pyydä tietojesi poistamista",
    rectification: "Nimen, organisaation tai laskutustietojen korjaamista",
    restriction: "Tietojeni käsittelyn rajoittamista",
    objection: "Vastustan tietojeni käsittelyä",
    other: "Muu pyyntö",
    field: "Korjattava tieto",
    lastName: "Sukunimi",
    newValue: "Oikea tieto",
    reason: "Perustelu",
    send: "Lähetä pyyntö",
    required: "Tämä tieto on pakollinen.",
    sent: "Pyyntösi (Korjauspyyntö) on lähetetty.",
    rectificationName: "Korjauspyyntö",
    restrictionName: "Käsittelyn rajoittaminen",
    objectionName: "Vastustaminen",
    otherName: "Muu pyyntö",
    erasureName: "Tietojen poistaminen",
    received: "Vastaanotettu",
    due: "Vastaamme viimeistään",
    daysLeft: "Aikaa jäljellä",
    cancel: "Peru pyyntö",
    cancelYes: "Kyllä, peru pyyntö",
    cancelled: "Peruttu",
    cancelledStatus: "Pyyntö (Korjauspyyntö) peruttiin.",
    groundLegend: "Rajoittamisen peruste",
    ground: "Kiistän tietojeni paikkansapitävyyden",
    moreDetails: "Lisätietoja (vapaaehtoinen)",
    pending: "Sinulla on jo samanlainen pyyntö käsittelyssä.",
    banner: "Tietojesi käsittely on rajoitettu",
    correctionLink: "Pyydä tietojen korjaamista",
    rectificationRestricted: "Tietojeni korjaamista",
    restrictedHint: "et voi nyt muuttaa yhteystietojasi itse",
    phone: "Puhelinnumero",
    endedHeading: "Päättyneet rajoitukset",
    endedByCorrection: "Syy: Kiistetty tieto korjattiin asiakkaan korjauspyynnön mukaisesti.",
    freeText: "Pyyntösi",
    languages: "Voit kirjoittaa suomeksi tai englanniksi.",
    refusal: "Kirjallinen selvitys epäämisen syistä",
    ombudsman: "Tietosuojavaltuutetun toimisto",
    extended: "Käsittelyaikaa jatkettu",
    erasureTitle: "Tietojen poistaminen",
    anonymisation: "anonymisoimalla",
    debtCollection:
      "Laskuja on perinnässä (1). Perinnän vaatimat tiedot säilytetään perinnän ajan; muut voidaan poistaa heti.",
    keptCaption: "Poistamisen jälkeenkin säilytettävät tiedot, säilyttämisen peruste ja säilytysaika",
    bookkeeping: "Tilaukset ja laskut kirjanpitoa varten, ilman nimeäsi tai yhteystietojasi",
    accountingAct: "Kirjanpitolaki (1336/1997)",
    forever: "niin kauan kuin rekisteri on olemassa",
    erasureSend: "Lähetä poistopyyntö",
  },
  en: {
    listTitle: "Requests",
    newTitle: "New request",
    newLink: "Make a new request",
    erasureLink: "Ask for your data to be erased",
    rectification: "Correction of my name, organisation or billing data",
    restriction: "Restriction of the processing of my data",
    objection: "I object to the processing of my data",
    other: "Another request",
    field: "Data to correct",
    lastName: "Last name",
    newValue: "The correct data",
    reason: "Reason",
    send: "Send request",
    required: "This field is required.",
    sent: "Your request (Rectification request) has been sent.",
    rectificationName: "Rectification request",
    restrictionName: "Restriction of processing",
    objectionName: "Objection",
    otherName: "Other request",
    erasureName: "Erasure",
    received: "Received",
    due: "Answer due by",
    daysLeft: "Time left",
    cancel: "Cancel request",
    cancelYes: "Yes, cancel the request",
    cancelled: "Cancelled",
    cancelledStatus: "The request (Rectification request) was cancelled.",
    groundLegend: "Ground for restriction",
    ground: "I contest the accuracy of my data",
    moreDetails: "More details (optional)",
    pending: "You already have a request of this kind pending.",
    banner: "Processing of your data is restricted",
    correctionLink: "Ask for a correction",
    rectificationRestricted: "Correction of my data",
    restrictedHint: "you cannot change your contact details yourself now",
    phone: "Phone number",
    endedHeading: "Restrictions that have ended",
    endedByCorrection: "Reason: The contested data was corrected as the customer asked.",
    freeText: "Your request",
    languages: "You may write in Finnish or English.",
    refusal: "Written statement of the reasons for refusal",
    ombudsman: "Office of the Data Protection Ombudsman",
    extended: "Time extended",
    erasureTitle: "Erasure of your data",
    anonymisation: "anonymisation",
    debtCollection:
      "Invoices are in debt collection (1). What the collection needs is kept while it is under way; the rest can be erased now.",
    keptCaption: "Data kept after erasure, the rule that requires it and how long it is kept",
    bookkeeping: "Orders and invoices for bookkeeping, without your name or contact details",
    accountingAct: "Accounting Act (1336/1997)",
    forever: "as long as the register exists",
    erasureSend: "Send erasure request",
  },
} as const;

type Locale = keyof typeof texts;

/* Deadlines as the notice states them: one calendar month from the day of receipt, in Finnish time. */
const helsinkiToday = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(Date.now());
function addCalendarMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}
const shownDate = (isoDate: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === "fi" ? "fi-FI" : "en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(isoDate),
  );

/**
 * What customer service would do in the staff app (tested there), done through the staff API with the session of
 * a staff member the test signed in as (the page's browser holds both surfaces' cookies).
 */
async function asStaff(page: Page, path: string, data: Record<string, unknown> = {}) {
  const res = await page.request.post(`${STAFF}/api/staff${path}`, { data, headers: { origin: STAFF } });
  expect(res.ok(), await res.text()).toBe(true);
}

/** The id of the customer's own request of a type, read from the portal API as the customer. */
async function requestIdOf(page: Page, type: string): Promise<string> {
  const res = await page.request.get(`${PORTAL}/api/portal/requests`);
  expect(res.status()).toBe(200);
  const { requests } = (await res.json()) as { requests: { id: string; type: string }[] };
  const found = requests.find((r) => r.type === type);
  if (!found) throw new Error(`no ${type} request`);
  return found.id;
}

async function openNewRequest(page: Page, locale: Locale) {
  await page.goto("/requests");
  await chooseLanguage(page, locale);
  await page.getByRole("link", { name: texts[locale].newLink }).click();
  await expect(page.getByRole("heading", { level: 1, name: texts[locale].newTitle })).toBeVisible();
}

/** One request on the list, by the name of its type. */
const requestCard = (page: Page, name: string) => page.getByRole("article", { name: new RegExp(`^${name}`) });

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`a customer asks for their last name to be corrected, then cancels the request (${locale})`, async ({
    page,
    signInNewCustomer,
  }) => {
    await signInNewCustomer();
    await openPage(page, "/requests", locale, t.listTitle);
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: t.newLink }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.newTitle })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("radio", { name: t.rectification }).check();

    // The notice asks for both what is wrong and why: neither may be left out.
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByRole("combobox", { name: t.field })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("textbox", { name: t.newValue })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("textbox", { name: t.reason })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(t.required)).toHaveCount(3);
    await expect(page.getByRole("combobox", { name: t.field })).toBeFocused();
    await expectNoAxeViolations(page);

    await page.getByRole("combobox", { name: t.field }).selectOption({ label: t.lastName });
    await page.getByRole("textbox", { name: t.newValue }).fill("Korhonen-Virtanen");
    await page.getByRole("textbox", { name: t.reason }).fill("Sukunimeni muuttui avioliiton myötä.");
    await page.getByRole("button", { name: t.send }).click();

    // Back on the list: received today, answer due one calendar month ahead.
    await expect(page.getByRole("heading", { level: 1, name: t.listTitle })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: t.sent })).toBeVisible();
    const today = helsinkiToday();
    const card = requestCard(page, t.rectificationName);
    await expect(card).toHaveCount(1);
    await expect(card.getByRole("definition").first()).toHaveText(t.received);
    await expect(card).toContainText(`${t.received}${shownDate(today, locale)}`);
    await expect(card).toContainText(`${t.due}${shownDate(addCalendarMonths(today, 1), locale)}`);
    await expect(card).toContainText(t.daysLeft);
    await expect(card).toContainText(t.lastName);
    await expect(card).toContainText("Korhonen-Virtanen");
    await expectNoAxeViolations(page);

    // Cancelling takes a confirmation.
    await card.getByRole("button", { name: t.cancel }).click();
    await expect(card.getByRole("button", { name: t.cancelYes })).toBeVisible();
    await expectNoAxeViolations(page);
    await card.getByRole("button", { name: t.cancelYes }).click();
    await expect(page.getByRole("status").filter({ hasText: t.cancelledStatus })).toBeVisible();
    await expect(card.getByRole("definition").first()).toHaveText(t.cancelled);
    await expect(card.getByRole("button", { name: t.cancel })).toHaveCount(0);
    await expect(card).not.toContainText(t.daysLeft);
    await expectNoAxeViolations(page);
  });

  test(`a customer asks for restriction of processing, sees it in force, and still asks for a correction that ends it (${locale})`, async ({
    page,
    signInNewCustomer,
    signInNewStaffMember,
  }) => {
    await signInNewCustomer();
    await openNewRequest(page, locale);
    await page.getByRole("radio", { name: t.restriction }).check();

    // A ground must be chosen.
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByRole("group", { name: t.groundLegend }).getByText(t.required)).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("radio", { name: t.ground }).check();
    await page.getByRole("textbox", { name: t.moreDetails }).fill("Osoitteeni on väärin.");
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.listTitle })).toBeVisible();
    const card = requestCard(page, t.restrictionName);
    await expect(card).toContainText(t.received);
    await expect(card).toContainText(t.ground);
    await expectNoAxeViolations(page);

    // A second one while the first is pending is refused with a translated message.
    await page.getByRole("link", { name: t.newLink }).click();
    await page.getByRole("radio", { name: t.restriction }).check();
    await page.getByRole("radio", { name: t.ground }).check();
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByRole("alert")).toHaveText(t.pending);
    await expectNoAxeViolations(page);

    // Customer service applies the restriction: the list says so, with the date and the ground.
    await signInNewStaffMember();
    await asStaff(page, `/operations/restriction/${await requestIdOf(page, "restriction")}/apply`);
    await page.goto("/requests");
    const banner = page.getByRole("region", { name: t.banner });
    await expect(banner).toContainText(shownDate(helsinkiToday(), locale));
    await expect(banner).toContainText(t.ground);
    await expectNoAxeViolations(page);

    // While restricted the contact page refuses the customer's own edits, but they can still ask for the disputed
    // data to be corrected (Art. 16, 18(1)(a)): the banner leads to a correction request offering contact data.
    await banner.getByRole("link", { name: t.correctionLink }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.newTitle })).toBeVisible();
    await expect(page.getByRole("radio", { name: t.rectificationRestricted })).toBeChecked();
    await expect(page.getByText(t.restrictedHint)).toBeVisible();
    await page.getByRole("combobox", { name: t.field }).selectOption({ label: t.phone });
    await page.getByRole("textbox", { name: t.newValue }).fill("+358 40 765 4321");
    await page.getByRole("textbox", { name: t.reason }).fill("Puhelinnumeroni on väärin.");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByRole("status").filter({ hasText: t.sent })).toBeVisible();
    const correction = requestCard(page, t.rectificationName);
    await expect(correction).toContainText(t.phone);
    await expect(correction).toContainText("+358 40 765 4321");

    // Customer service approves it: the contested data is corrected, so the restriction ends, and the list says why.
    await asStaff(page, `/requests/${await requestIdOf(page, "rectification")}/approve-correction`);
    await page.reload();
    await expect(page.getByRole("region", { name: t.banner })).toHaveCount(0);
    await expect(page.getByRole("region", { name: t.endedHeading })).toContainText(t.endedByCorrection);
    await expectNoAxeViolations(page);
  });

  test(`a customer sends a free-form request, in Finnish or English (${locale})`, async ({
    page,
    signInNewCustomer,
  }) => {
    await signInNewCustomer();
    await openNewRequest(page, locale);
    await page.getByRole("radio", { name: t.other }).check();
    await expect(page.getByText(t.languages)).toBeVisible();

    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByRole("textbox", { name: t.freeText })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(t.required)).toBeVisible();
    await expectNoAxeViolations(page);

    const words = "Please tell me which of my orders were shared with the delivery company.";
    await page.getByRole("textbox", { name: t.freeText }).fill(words);
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.listTitle })).toBeVisible();
    const card = requestCard(page, t.otherName);
    await expect(card).toContainText(words);
    await expect(card).toContainText(t.received);
    await expectNoAxeViolations(page);
  });

  test(`a refusal comes with its reasons and the complaint route; an extension with its reasons (${locale})`, async ({
    page,
    signInNewCustomer,
    signInNewStaffMember,
  }) => {
    await signInNewCustomer();
    for (const [kind, words] of [
      [t.objection, "I object to being profiled."],
      [t.other, "Please delete my old order notes."],
    ] as const) {
      await openNewRequest(page, locale);
      await page.getByRole("radio", { name: kind }).check();
      await page.getByRole("textbox", { name: t.freeText }).fill(words);
      await page.getByRole("button", { name: t.send }).click();
      await expect(page.getByRole("heading", { level: 1, name: t.listTitle })).toBeVisible();
    }

    const today = helsinkiToday();
    const statement = "The notes are part of the bookkeeping records, which the Accounting Act requires us to keep.";
    await signInNewStaffMember();
    await asStaff(page, `/requests/${await requestIdOf(page, "other")}/refuse`, { reasons: statement });
    const extendedTo = addCalendarMonths(today, 3);
    await asStaff(page, `/requests/${await requestIdOf(page, "objection")}/extend`, {
      months: 2,
      reasons: "We need to ask our processors.",
    });
    await page.reload();

    const refused = requestCard(page, t.otherName);
    await expect(refused.getByRole("heading", { name: t.refusal })).toBeVisible();
    await expect(refused).toContainText(statement);
    await expect(refused).toContainText(t.ombudsman);
    await expect(refused.getByRole("link", { name: "tietosuoja@om.fi" })).toBeVisible();
    await expect(refused).toContainText("+358 29 566 6700");
    await expect(refused.getByRole("button", { name: t.cancel })).toHaveCount(0);

    const extended = requestCard(page, t.objectionName);
    await expect(extended.getByRole("heading", { name: t.extended })).toBeVisible();
    await expect(extended).toContainText("We need to ask our processors.");
    await expect(extended).toContainText(`${t.due}${shownDate(extendedTo, locale)}`);
    await expectNoAxeViolations(page);
  });

  test(`the erasure page shows what blocks erasure and what is kept (${locale})`, async ({
    page,
    signInNewCustomer,
  }) => {
    await signInNewCustomer({ invoiceInCollection: true });
    await page.goto("/requests");
    await chooseLanguage(page, locale);
    await page.getByRole("link", { name: t.erasureLink }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.erasureTitle })).toBeVisible();
    await expect(page.getByText(t.anonymisation)).toBeVisible();
    await expect(page.getByText(t.debtCollection)).toBeVisible();
    const kept = page.getByRole("table", { name: t.keptCaption });
    const bookkeeping = kept.getByRole("row").filter({ hasText: t.bookkeeping });
    await expect(bookkeeping).toContainText(t.accountingAct);
    await expect(bookkeeping.getByRole("cell").last()).toHaveText(/\d{4}/);
    await expect(kept.getByRole("row").last()).toContainText(t.forever);
    await expect(page.getByRole("button", { name: t.erasureSend })).toBeEnabled();
    await expectNoAxeViolations(page);
  });

  test(`a customer sends an erasure request (${locale})`, async ({ page, signInNewCustomer }) => {
    await signInNewCustomer();
    await openPage(page, "/requests/erasure", locale, t.erasureTitle);
    await expect(page.getByRole("table", { name: t.keptCaption })).toBeVisible();
    await page.getByRole("textbox", { name: t.moreDetails }).fill("Asiakkuuteni on päättynyt.");
    await page.getByRole("button", { name: t.erasureSend }).click();

    await expect(page.getByRole("heading", { level: 1, name: t.listTitle })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: t.erasureName })).toBeVisible();
    const card = requestCard(page, t.erasureName);
    await expect(card).toContainText(t.received);
    await expect(card).toContainText(`${t.due}${shownDate(addCalendarMonths(helsinkiToday(), 1), locale)}`);
    await expectNoAxeViolations(page);
  });
}
