import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_PORTAL_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, openPage, test } from "./fixtures.ts";

/*
 * The request desk end to end: a customer asks in the portal, an agent decides in the staff app, and the customer
 * sees the outcome in the portal. Each test creates its own customer and agent.
 */

const PORTAL = `http://localhost:${E2E_PORTAL_PORT}`;

/** The customer's own request, sent through the portal API with their session cookie. */
async function portalRequest(page: Page, data: Record<string, string>) {
  const res = await page.request.post(`${PORTAL}/api/portal/requests`, { data, headers: { origin: PORTAL } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { request: { id: string } }).request.id;
}

const isoDaysAgo = (days: number) => {
  const d = new Date(Date.now() - days * 86_400_000);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(d);
};

test("an agent approves a correction asked in the portal, confirms the notifications, and the customer sees it (en)", async ({
  page,
  signInNewStaffMember,
  signInNewCustomer,
}) => {
  const who = await signInNewCustomer();
  const newLastName = "Korjattu-Desk";
  await portalRequest(page, {
    type: "rectification",
    field: "lastName",
    newValue: newLastName,
    reason: "My surname changed when I married.",
  });

  await signInNewStaffMember();
  await openPage(page, "/requests", "en", "Requests");
  await expect(page.getByText("Open", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Customer's name or e-mail").fill(who.email);
  await page.getByLabel("Type of request").selectOption({ label: "Rectification request" });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  const link = page.getByRole("link", { name: `Rectification request: ${who.name}` });
  await expect(link).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(who.name) })).toContainText("days left");
  await expectNoAxeViolations(page);

  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: `Rectification request: ${who.name}` })).toBeVisible();
  const diff = page.getByRole("table", { name: "The correction asked for" });
  await expect(diff).toContainText(who.lastName);
  await expect(diff).toContainText(newLastName);
  await expect(diff).toContainText("My surname changed when I married.");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Approve and make the correction" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The correction was made in the register." })).toBeVisible();
  const confirmButtons = page.getByRole("button", { name: /^Confirm told:/ });
  await expect(confirmButtons.first()).toBeVisible();
  while ((await confirmButtons.count()) > 0) {
    const before = await confirmButtons.count();
    await confirmButtons.first().click();
    await expect(confirmButtons).toHaveCount(before - 1);
  }
  await expect(page.getByText("Every party has been told.")).toBeVisible();
  await expect(page.getByText(/^Told on /).first()).toBeVisible();
  await expectNoAxeViolations(page);

  const portal = await page.context().newPage();
  await portal.goto(`${PORTAL}/`);
  await chooseLanguage(portal, "en");
  await expect(portal.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();
  await expect(portal.getByText(newLastName).first()).toBeVisible();
});

test("an agent refuses a request with reasons, and the customer sees the statement and the Ombudsman (fi)", async ({
  page,
  signInNewStaffMember,
  signInNewCustomer,
}) => {
  const who = await signInNewCustomer();
  const reasons = "Asiakassuhde on voimassa, ja tietoja tarvitaan tilausten toimittamiseen.";
  const id = await portalRequest(page, { type: "other", text: "Poistakaa kaikki tilaushistoriani." });

  await signInNewStaffMember();
  await openPage(page, `/requests?q=${encodeURIComponent(who.email)}`, "fi", "Pyynnöt");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: `Muu pyyntö: ${who.name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Muu pyyntö: ${who.name}` })).toBeVisible();
  await expect(page.getByText("Poistakaa kaikki tilaushistoriani.")).toBeVisible();

  // The warning is shown before anything is sent; reasons are mandatory.
  await expect(page.getByText(/kantelun tekemisestä tietosuojavaltuutetulle/)).toBeVisible();
  const refuse = page.getByRole("button", { name: "Evää ja lähetä perustelut asiakkaalle" });
  await page.getByLabel("Perustelut (vähintään 10 merkkiä)").fill("Ei käy");
  await refuse.click();
  await expect(page.getByText(/Kirjoita perustelut \(vähintään 10 merkkiä\)/)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Perustelut (vähintään 10 merkkiä)").fill(reasons);
  await refuse.click();
  await expect(
    page.getByRole("status").filter({ hasText: "Pyyntö evättiin ja perustelut lähetettiin." }),
  ).toBeVisible();
  await expect(page.locator("blockquote")).toContainText(reasons);
  await expectNoAxeViolations(page);

  // The customer's side: the statement is in the portal with the complaint route.
  const portal = await page.context().newPage();
  const api = await portal.request.get(`${PORTAL}/api/portal/requests`);
  const { requests } = (await api.json()) as {
    requests: { id: string; state: string; decision: { reasons: string } | null }[];
  };
  expect(requests.find((r) => r.id === id)).toMatchObject({ state: "refused", decision: { reasons } });
  await portal.goto(`${PORTAL}/requests`);
  await chooseLanguage(portal, "fi");
  await expect(portal.getByText(reasons)).toBeVisible();
  await expect(portal.getByText("Kirjallinen selvitys epäämisen syistä")).toBeVisible();
  await expect(portal.getByText("Tietosuojavaltuutetun toimisto").first()).toBeVisible();
});

const registration = {
  fi: {
    title: "Kirjaa kirjeellä tai sähköpostilla tullut pyyntö",
    search: "Hae asiakasta nimellä, sähköpostilla tai organisaatiolla",
    find: "Hae asiakasta",
    choose: "Valitse asiakas",
    channel: "Kirje",
    received: "Saapumispäivä",
    type: "Tarkastuspyyntö",
    text: "Pyynnön sisältö",
    submit: "Kirjaa pyyntö",
    dateError: "Päivä ei voi olla tulevaisuudessa.",
    customerError: "Valitse ensin asiakas.",
    locale: "fi-FI",
  },
  en: {
    title: "Register a letter or e-mail request",
    search: "Find the customer by name, e-mail or organisation",
    find: "Find customer",
    choose: "Choose the customer",
    channel: "Letter",
    received: "Day it arrived",
    type: "Access request",
    text: "What the request says",
    submit: "Register the request",
    dateError: "The day cannot be in the future.",
    customerError: "Choose the customer first.",
    locale: "en-GB",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = registration[locale];
  test(`an agent registers a paper request with the day it arrived (${locale})`, async ({
    page,
    customer,
    signInNewStaffMember,
  }) => {
    const who = await customer();
    const receivedOn = isoDaysAgo(locale === "fi" ? 10 : 20);
    await signInNewStaffMember();
    await openPage(page, "/requests/new", locale, t.title);
    await expectNoAxeViolations(page);

    // Nothing chosen yet: the form says what is missing.
    await page.getByRole("button", { name: t.submit }).click();
    await expect(page.getByText(t.customerError)).toBeVisible();

    await page.getByLabel(t.search).fill(who.email);
    await page.getByRole("button", { name: t.find, exact: true }).click();
    await page.getByRole("button", { name: `${t.choose}: ${who.name}` }).click();
    await page.getByLabel(t.channel, { exact: true }).check();
    await page.getByLabel(t.type, { exact: true }).check();
    await page.getByLabel(t.text).fill("Kirje 2.11.: pyydän kopion kaikista tiedoistani.");

    // A day still to come is refused.
    await page.getByLabel(t.received).fill(isoDaysAgo(-3));
    await page.getByRole("button", { name: t.submit }).click();
    await expect(page.getByText(t.dateError)).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel(t.received).fill(receivedOn);
    await page.getByRole("button", { name: t.submit }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${t.type}: ${who.name}` })).toBeVisible();
    const format = (iso: string) =>
      new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));
    const [y, m, d] = receivedOn.split("-").map(Number) as [number, number, number];
    const due = new Date(Date.UTC(y, m, Math.min(d, new Date(Date.UTC(y, m + 1, 0)).getUTCDate())))
      .toISOString()
      .slice(0, 10);
    await expect(page.getByText(format(receivedOn)).first()).toBeVisible();
    await expect(page.getByText(format(due)).first()).toBeVisible();
    await expect(page.getByText(t.channel, { exact: true }).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
