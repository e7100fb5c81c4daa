import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, expect, test, uniqueLetters } from "./fixtures.ts";

/*
 * Issue 12 C1: an admin registers a connected system, creates an API client, sees its token once, rotates it
 * (a new token, shown once) and revokes it. Each test registers a system and a client of its own.
 */

const texts = {
  fi: {
    nav: "Yhdistetyt järjestelmät",
    title: "Yhdistetyt järjestelmät",
    name: "Järjestelmän nimi",
    party: "Tietosuojaselosteen tietolähde tai vastaanottaja",
    register: "Rekisteröi järjestelmä",
    registered: (name: string) => `Järjestelmä ${name} on rekisteröity.`,
    taken: "Tämän niminen järjestelmä on jo rekisteröity.",
    clientName: "API-asiakkaan nimi",
    create: "Luo API-asiakas",
    scopesRequired: "Valitse vähintään yksi käyttöoikeus.",
    tokenHeading: (name: string) => `Uusi tunniste: ${name}`,
    tokenLabel: "Tunniste (Bearer)",
    shownOnce: "Tunniste näytetään vain nyt.",
    stored: "Olen tallentanut tunnisteen",
    rotate: "Vaihda salaisuus",
    confirmRotate: "Kyllä, vaihda salaisuus",
    revoke: "Poista käytöstä",
    confirmRevoke: "Kyllä, poista käytöstä",
    revoked: (name: string) => `API-asiakas ${name} on poistettu käytöstä.`,
    revokedOn: "Poistettu käytöstä",
  },
  en: {
    nav: "Connected systems",
    title: "Connected systems",
    name: "System name",
    party: "Source or recipient in the privacy notice",
    register: "Register system",
    registered: (name: string) => `The system ${name} has been registered.`,
    taken: "A system of this name is already registered.",
    clientName: "API client name",
    create: "Create API client",
    scopesRequired: "Choose at least one scope.",
    tokenHeading: (name: string) => `New token: ${name}`,
    tokenLabel: "Token (Bearer)",
    shownOnce: "The token is shown only now.",
    stored: "I have stored the token",
    rotate: "Rotate secret",
    confirmRotate: "Yes, rotate the secret",
    revoke: "Revoke",
    confirmRevoke: "Yes, revoke",
    revoked: (name: string) => `The API client ${name} has been revoked.`,
    revokedOn: "Revoked on",
  },
} as const;

const TOKEN = /^tti_[a-z0-9]{1,64}_[a-z0-9]{52}$/;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];
  test(`an admin registers a system, creates a client, sees its token once, rotates and revokes it (${locale})`, async ({
    page,
    signInNewStaffMember,
  }) => {
    // Five screens, each checked with axe, on a machine that runs the BFF, two workers and Chromium at once.
    test.slow();
    await signInNewStaffMember({ role: "admin" });
    await page.goto("/");
    await chooseLanguage(page, locale);
    await page.getByRole("link", { name: t.nav }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
    await expectNoAxeViolations(page);

    const systemName = `CRM ${uniqueLetters()}`;
    await page.getByLabel(t.name).fill(systemName);
    await page.getByLabel(t.party).selectOption("source:registration");
    await page.getByRole("button", { name: t.register }).click();
    await expect(page.getByText(t.registered(systemName))).toBeVisible();

    // The same name again: a translated refusal beside the field.
    await page.getByLabel(t.name).fill(systemName);
    await page.getByLabel(t.party).selectOption("recipient:controllerStaff");
    await page.getByRole("button", { name: t.register }).click();
    await expect(page.getByText(t.taken)).toBeVisible();

    await page.getByRole("link", { name: systemName }).click();
    await expect(page.getByRole("heading", { level: 1, name: systemName })).toBeVisible();
    await expectNoAxeViolations(page);

    // A client without a scope is refused before it is sent.
    const clientName = `sync ${uniqueLetters()}`;
    await page.getByLabel(t.clientName).fill(clientName);
    await page.getByRole("button", { name: t.create }).click();
    await expect(page.getByText(t.scopesRequired)).toBeVisible();

    await page.getByRole("checkbox", { name: "customers:write" }).check();
    await page.getByRole("checkbox", { name: "objections:write" }).check();
    await page.getByRole("button", { name: t.create }).click();
    const panel = page.getByRole("region", { name: t.tokenHeading(clientName) });
    await expect(panel).toBeVisible();
    await expect(panel.getByText(t.shownOnce)).toBeVisible();
    const field = panel.getByLabel(t.tokenLabel);
    await expect(field).toHaveAttribute("readonly", "");
    const first = await field.inputValue();
    expect(first).toMatch(TOKEN);
    await expectNoAxeViolations(page);
    await panel.getByRole("button", { name: t.stored }).click();
    await expect(panel).toBeHidden();

    // Shown once: not in the page after closing it, nor after a reload.
    const row = page.getByRole("row", { name: new RegExp(clientName) });
    await expect(row).toContainText("customers:write");
    await expect(row).toContainText("objections:write");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: systemName })).toBeVisible();
    expect(await page.content()).not.toContain(first);

    await row.getByRole("button", { name: t.rotate }).click();
    await expect(page.getByRole("heading", { name: new RegExp(`${t.rotate}: ${clientName}`) })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: t.confirmRotate }).click();
    await expect(panel).toBeVisible();
    const second = await panel.getByLabel(t.tokenLabel).inputValue();
    expect(second).toMatch(TOKEN);
    expect(second).not.toBe(first);
    await panel.getByRole("button", { name: t.stored }).click();

    await row.getByRole("button", { name: t.revoke }).click();
    await page.getByRole("button", { name: t.confirmRevoke }).click();
    await expect(page.getByText(t.revoked(clientName))).toBeVisible();
    await expect(row).toContainText(t.revokedOn);
    await expect(row.getByRole("button", { name: t.rotate })).toHaveCount(0);
    await expect(row.getByRole("button", { name: t.revoke })).toHaveCount(0);
    expect(await page.content()).not.toContain(second);

    // The list counts the client: none active, one in all.
    await page.getByRole("link", { name: t.nav }).click();
    await expect(page.getByRole("row", { name: new RegExp(systemName) })).toContainText("0 / 1");
  });
}
