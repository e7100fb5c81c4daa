import { expectNoAxeViolations } from "./axe.ts";
import { E2E_PORTAL_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, openPage, test } from "./fixtures.ts";

/*
 * The disclosure log (issue 13 C), in both languages: an agent records on the customer's record that the data went
 * to the accounting partner (a day in the future is refused first, in the page's language); the customer sees it on
 * "Who received my data", and it is in their JSON download. Each test creates its own customer and agent.
 */

const PORTAL = `http://localhost:${E2E_PORTAL_PORT}`;

const texts = {
  fi: {
    panel: "Luovutukset",
    none: "Asiakkaan tietoja ei ole luovutettu.",
    recipient: "Vastaanottaja",
    name: "Etu- ja sukunimi",
    billing: "Laskutustiedot",
    basis: "Oikeusperuste",
    reason: "Syy",
    day: "Luovutuspäivä",
    save: "Kirjaa luovutus",
    future: "Luovutuspäivä ei voi olla tulevaisuudessa.",
    saved: "Luovutus kirjattiin.",
    caption: "Asiakkaan tietojen luovutukset, uusin ensin",
    partner: "Ulkoistuskumppani (taloushallinto)",
    bookkeeping: "Kirjanpito ja tilintarkastus",
    byStaff: "Henkilökunnan luovuttama",
    portalNav: "Tietojen luovutukset",
    portalTitle: "Kenelle tietojani on luovutettu",
    portalNone: "Tietojasi ei ole luovutettu kenellekään.",
    portalCaption: "Tietojesi luovutukset, uusin ensin",
  },
  en: {
    panel: "Disclosures",
    none: "The customer's data has not been disclosed.",
    recipient: "Recipient",
    name: "First and last name",
    billing: "Billing data",
    basis: "Legal basis",
    reason: "Reason",
    day: "Day of the disclosure",
    save: "Record the disclosure",
    future: "The day of the disclosure cannot be in the future.",
    saved: "The disclosure was recorded.",
    caption: "Disclosures of the customer's data, newest first",
    partner: "Outsourcing partner (financial administration)",
    bookkeeping: "Bookkeeping and audit",
    byStaff: "Disclosed by staff",
    portalNav: "Who received my data",
    portalTitle: "Who received my data",
    portalNone: "Your data has not been disclosed to anyone.",
    portalCaption: "Disclosures of your data, newest first",
  },
} as const;

const helsinkiDay = (ms: number) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(ms);

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`staff record a disclosure to the accounting partner; the customer sees it and downloads it (${locale})`, async ({
    page,
    customer,
    signInNewStaffMember,
    signInAsCustomer,
  }) => {
    // Two apps, three screens checked with axe, and a download.
    test.slow();
    const who = await customer();

    // Nothing disclosed yet: the customer's page says so.
    await signInAsCustomer(who.id);
    const portal = await page.context().newPage();
    await portal.goto(`${PORTAL}/`);
    await chooseLanguage(portal, locale);
    await portal.getByRole("link", { name: t.portalNav }).click();
    await expect(portal.getByRole("heading", { level: 1, name: t.portalTitle })).toBeVisible();
    await expect(portal.getByText(t.portalNone)).toBeVisible();
    await expectNoAxeViolations(portal);

    await signInNewStaffMember();
    await openPage(page, `/customers/${who.id}`, locale, who.name);
    const panel = page.getByRole("region", { name: t.panel, exact: true });
    await expect(panel.getByText(t.none)).toBeVisible();

    await panel.getByLabel(t.recipient).selectOption("notice_recipient:financialAdministrationPartner");
    await panel.getByRole("checkbox", { name: t.name }).check();
    await panel.getByRole("checkbox", { name: t.billing }).check();
    await panel.getByLabel(t.basis).selectOption("contract");
    await panel.getByLabel(t.reason, { exact: true }).selectOption("bookkeeping");
    // A day in the future is refused beside the field, in the page's language; nothing is recorded.
    await panel.getByLabel(t.day).fill(helsinkiDay(Date.now() + 3 * 86_400_000));
    await panel.getByRole("button", { name: t.save }).click();
    await expect(panel.getByText(t.future)).toBeVisible();
    await expect(panel.getByText(t.none)).toBeVisible();
    await expectNoAxeViolations(page);

    await panel.getByLabel(t.day).fill(helsinkiDay(Date.now()));
    await panel.getByRole("button", { name: t.save }).click();
    await expect(panel.getByRole("status").filter({ hasText: t.saved })).toBeVisible();
    const row = panel.getByRole("table", { name: t.caption }).getByRole("row").nth(1);
    await expect(row).toContainText(t.partner);
    await expect(row).toContainText(t.billing);
    await expect(row).toContainText(t.bookkeeping);
    await expect(row).toContainText(t.byStaff);
    await expectNoAxeViolations(page);

    // The customer sees it under the notice's recipient, with the categories and why.
    await portal.reload();
    await expect(portal.getByRole("heading", { level: 1, name: t.portalTitle })).toBeVisible();
    const mine = portal.getByRole("table", { name: t.portalCaption }).getByRole("row").nth(1);
    await expect(mine).toContainText(t.partner);
    await expect(mine).toContainText(t.name);
    await expect(mine).toContainText(t.billing);
    await expect(mine).toContainText(t.bookkeeping);
    await expectNoAxeViolations(portal);

    // And in the download.
    const res = await portal.request.get(`${PORTAL}/api/portal/export/json`);
    expect(res.status()).toBe(200);
    const doc = (await res.json()) as { customer: { disclosures: Record<string, unknown>[] } };
    expect(doc.customer.disclosures).toEqual([
      expect.objectContaining({
        channel: "manual",
        noticeRecipient: expect.objectContaining({ id: "financialAdministrationPartner" }),
        categories: ["name", "billing"],
        legalBasis: "contract",
        reason: "bookkeeping",
      }),
    ]);
  });
}
