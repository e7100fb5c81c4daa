import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, expect, test, uniqueLetters } from "./fixtures.ts";

/*
 * Issue 13 B: an admin registers a webhook endpoint together with a new connected system, sees the signing secret
 * once in the Standard Webhooks form, finds the endpoint listed, rotates the secret and disables the endpoint. An
 * agent has no such page.
 */

const texts = {
  fi: {
    nav: "Webhookit",
    title: "Webhookit",
    newSystem: "Uusi järjestelmä",
    systemName: "Uuden järjestelmän nimi",
    party: "Tietosuojaselosteen tietolähde tai vastaanottaja",
    url: "Vastaanottajan osoite (URL)",
    event: "Markkinointikiellot muuttuivat",
    category: "Sähköpostiosoite",
    add: "Lisää webhook",
    eventsRequired: "Valitse vähintään yksi tapahtuma, jonka järjestelmä vastaanottaa.",
    categoriesMissing: "Valitut tietoryhmät eivät kata kaikkia valittuja tapahtumia",
    secretHeading: (url: string) => `Allekirjoitussalaisuus: ${url}`,
    secretLabel: "Salaisuus (whsec_…)",
    shownOnce: "Salaisuus näytetään vain nyt.",
    standard: "Standard Webhooks",
    stored: "Olen tallentanut salaisuuden",
    rotate: "Vaihda salaisuus",
    confirmRotate: "Kyllä, vaihda salaisuus",
    disable: "Poista käytöstä",
    disabled: "Pois käytöstä",
    forbidden: "Sinulla ei ole oikeutta tähän.",
  },
  en: {
    nav: "Webhooks",
    title: "Webhooks",
    newSystem: "A new system",
    systemName: "New system's name",
    party: "Source or recipient in the privacy notice",
    url: "Receiver's URL",
    event: "Marketing objections changed",
    category: "E-mail address",
    add: "Add webhook",
    eventsRequired: "Choose at least one event the system receives.",
    categoriesMissing: "The chosen data categories do not cover every chosen event",
    secretHeading: (url: string) => `Signing secret: ${url}`,
    secretLabel: "Secret (whsec_…)",
    shownOnce: "The secret is shown only now.",
    standard: "Standard Webhooks",
    stored: "I have stored the secret",
    rotate: "Rotate secret",
    confirmRotate: "Yes, rotate the secret",
    disable: "Disable",
    disabled: "Disabled",
    forbidden: "You are not allowed to do this.",
  },
} as const;

const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];
  test(`an admin adds a webhook with a new system, sees the secret once, rotates it and disables the endpoint (${locale})`, async ({
    page,
    signInNewStaffMember,
  }) => {
    test.slow();
    await signInNewStaffMember({ role: "admin" });
    await page.goto("/");
    await chooseLanguage(page, locale);
    await page.getByRole("link", { name: t.nav, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
    await expectNoAxeViolations(page);

    const systemName = `Uutiskirje ${uniqueLetters()}`;
    const url = `http://127.0.0.1:4999/${systemName.replace(/\s/g, "-").toLowerCase()}`;
    const newSystem = page.getByRole("radio", { name: t.newSystem });
    // With systems registered by other tests the form asks which kind; on an empty register it offers only "new".
    if (await newSystem.count()) await newSystem.check();
    await page.getByLabel(t.systemName).fill(systemName);
    await page.getByLabel(t.party).selectOption("recipient:financialAdministrationPartner");
    await page.getByLabel(t.url).fill(url);

    // No event: refused before it is sent.
    await page.getByRole("button", { name: t.add }).click();
    await expect(page.getByText(t.eventsRequired)).toBeVisible();

    // An event without the category it carries: refused by the BFF, translated.
    await page.getByRole("checkbox", { name: t.event }).check();
    await page.getByRole("button", { name: t.add }).click();
    await expect(page.getByText(t.categoriesMissing)).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("checkbox", { name: t.category, exact: true }).check();
    await page.getByRole("button", { name: t.add }).click();
    const panel = page.getByRole("region", { name: t.secretHeading(url) });
    await expect(panel).toBeVisible();
    await expect(panel.getByText(t.shownOnce)).toBeVisible();
    await expect(panel.getByText(t.standard)).toBeVisible();
    const field = panel.getByLabel(t.secretLabel);
    await expect(field).toHaveAttribute("readonly", "");
    const first = await field.inputValue();
    expect(first).toMatch(SECRET);
    await expectNoAxeViolations(page);
    await panel.getByRole("button", { name: t.stored }).click();
    await expect(panel).toBeHidden();

    // Listed under the new system, with its event; the secret is not in the page, nor after a reload.
    const row = page.getByRole("row", { name: new RegExp(systemName) });
    await expect(row).toContainText(url);
    await expect(row).toContainText(t.event);
    await page.reload();
    await expect(row).toBeVisible();
    expect(await page.content()).not.toContain(first);

    await row.getByRole("button", { name: t.rotate }).click();
    await expect(page.getByRole("heading", { name: new RegExp(`${t.rotate}: `) })).toBeFocused();
    await page.getByRole("button", { name: t.confirmRotate }).click();
    await expect(panel).toBeVisible();
    const second = await panel.getByLabel(t.secretLabel).inputValue();
    expect(second).toMatch(SECRET);
    expect(second).not.toBe(first);
    await panel.getByRole("button", { name: t.stored }).click();

    await row.getByRole("button", { name: t.disable }).click();
    await expect(row).toContainText(t.disabled);
    expect(await page.content()).not.toContain(second);
  });

  test(`an agent has no webhooks page (${locale})`, async ({ page, signInNewStaffMember }) => {
    await signInNewStaffMember({ role: "agent" });
    await page.goto("/");
    await chooseLanguage(page, locale);
    await expect(page.getByRole("navigation").first()).toBeVisible();
    await expect(page.getByRole("link", { name: t.nav, exact: true })).toHaveCount(0);
    // Typed in by hand, the page shows no endpoint, only the refusal.
    await page.goto("/admin/webhooks");
    await expect(page.getByText(t.forbidden)).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
}
