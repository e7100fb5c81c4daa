import { sessionCookieName } from "../apps/bff/src/http/session-cookie.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, expect, openPage, serverEnv, test } from "./fixtures.ts";
import { readSignInCode } from "./mailbox.ts";

/* Issue 11, rights: legal bases beside the data categories, the portal's own storage, objections that cover
 * narrower purposes, and postal addresses abroad. Each test creates the customer it changes. */

const texts = {
  fi: {
    about: "Tietoa rekisteristä",
    myData: "Omat tiedot",
    emailCategory: "Sähköpostiosoite",
    basisHeading: "Millä oikeusperusteella",
    basis: "Sopimus (tietosuoja-asetus, art. 6(1)(b))",
    purposeBasis: "Oikeusperuste: Sopimus (tietosuoja-asetus, art. 6(1)(b)).",
    storageHeading: "Mitä tämä palvelu tallentaa selaimeesi",
    sessionCookie: `Istuntoevästeen ${sessionCookieName(serverEnv, "portal")}`,
    lifetime: "istunto päättyy viimeistään 10 tunnin kuluttua kirjautumisesta",
    language: "selaimen paikallisessa tallennustilassa (localStorage) nimellä tietoni.locale",
    noAnalytics: "Palvelu ei käytä analytiikkaa (ei Google Analyticsia)",
    marketing: "Markkinointikiellot",
    objectDirectMarketing: "Kiellän suoramarkkinoinnin",
    directAdvertising: "Kiellän suoramainonnan",
    covered: "Tämä sisältyy jo kieltoosi: Suoramarkkinointi.",
    contact: "Yhteystiedot",
    street: "Katuosoite",
    postalCode: "Postinumero",
    city: "Postitoimipaikka",
    country: "Maatunnus",
    save: "Tallenna",
    saved: "Postiosoite tallennettiin.",
    finnishWrong: "Postinumerossa on viisi numeroa.",
    swedishWrong: "Tämän maan postinumero on muotoa 123 45",
  },
  en: {
    about: "About this register",
    myData: "My data",
    emailCategory: "E-mail address",
    basisHeading: "On what legal basis",
    basis: "Contract (GDPR, Art. 6(1)(b))",
    purposeBasis: "Legal basis: Contract (GDPR, Art. 6(1)(b)).",
    storageHeading: "What this portal stores in your browser",
    sessionCookie: `A session cookie, ${sessionCookieName(serverEnv, "portal")}`,
    lifetime: "the session ends at the latest 10 hours after you signed in",
    language: "local storage (localStorage) under the name tietoni.locale",
    noAnalytics: "The portal runs no analytics (no Google Analytics)",
    marketing: "Marketing objections",
    objectDirectMarketing: "I object to direct marketing",
    directAdvertising: "I object to direct advertising",
    covered: "This is already covered by your objection to: Direct marketing.",
    contact: "Contact details",
    street: "Street address",
    postalCode: "Postal code",
    city: "City",
    country: "Country code",
    save: "Save",
    saved: "Your postal address was saved.",
    finnishWrong: "A Finnish postal code has five digits.",
    swedishWrong: "A postal code in this country looks like 123 45",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`the About page gives each purpose's legal basis beside the data categories, and what the portal stores (${locale})`, async ({
    page,
  }) => {
    await openPage(page, "/about-register", locale, t.about);
    const emailRow = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: t.emailCategory, exact: true }) });
    await expect(emailRow).toContainText(t.basis);
    await expect(page.getByText(t.purposeBasis).first()).toBeVisible();

    const storage = page.getByRole("region", { name: t.storageHeading });
    await expect(storage).toContainText(t.sessionCookie);
    // This installation's SESSION_ABSOLUTE_MINUTES (e2e-env.ts: 600), not the default 12 hours.
    await expect(storage).toContainText(t.lifetime);
    await expect(storage).toContainText(t.language);
    await expect(storage).toContainText(t.noAnalytics);
    await expectNoAxeViolations(page);
  });

  test(`my data shows the legal basis beside each category (${locale})`, async ({ page, signInNewCustomer }) => {
    await signInNewCustomer();
    await openPage(page, "/", locale, t.myData);
    await expect(page.getByText(t.basisHeading).first()).toBeVisible();
    await expect(page.getByText(t.basis).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test(`an objection to direct marketing is shown to cover direct advertising (${locale})`, async ({
    page,
    signInNewCustomer,
  }) => {
    await signInNewCustomer();
    await openPage(page, "/marketing", locale, t.marketing);
    const advertising = page.getByRole("checkbox", { name: t.directAdvertising });
    await expect(page.getByText(t.covered)).toHaveCount(0);
    await page.getByRole("checkbox", { name: t.objectDirectMarketing }).check();
    await expect(page.getByText(t.covered)).toHaveCount(3);
    await expect(advertising).not.toBeChecked();
    await expect(advertising).toHaveAccessibleDescription(new RegExp(t.covered.replace(/[.()]/g, "\\$&")));
    await expectNoAxeViolations(page);
  });

  test(`a customer saves a Swedish postal address; a wrong code names the country's form (${locale})`, async ({
    page,
    signInNewCustomer,
  }) => {
    await signInNewCustomer();
    await openPage(page, "/contact", locale, t.contact);
    const postalCode = page.getByRole("textbox", { name: t.postalCode, exact: true });
    const form = page.locator("form").filter({ has: postalCode });
    await form.getByRole("textbox", { name: t.street, exact: true }).fill("Storgatan 1");
    await postalCode.fill("2038");
    await form.getByRole("textbox", { name: t.city, exact: true }).fill("Stockholm");
    await form.getByRole("button", { name: t.save }).click();
    await expect(form.getByText(t.finnishWrong)).toBeVisible();
    await expect(postalCode).toHaveAttribute("aria-invalid", "true");

    await form.getByRole("textbox", { name: t.country, exact: true }).fill("SE");
    await form.getByRole("button", { name: t.save }).click();
    await expect(form.getByText(t.swedishWrong)).toBeVisible();
    await expectNoAxeViolations(page);

    await postalCode.fill("123 45");
    await form.getByRole("button", { name: t.save }).click();
    await expect(page.getByText(t.saved)).toBeVisible();
    await page.reload();
    await expect(page.getByRole("textbox", { name: t.postalCode, exact: true })).toHaveValue("123 45");
    await expect(page.getByRole("textbox", { name: t.country, exact: true })).toHaveValue("SE");
  });
}

test("signing in and browsing the portal sets no cookie but the session cookie, and stores only the language", async ({
  page,
  customer,
}) => {
  const me = await customer();
  await page.goto("/");
  await chooseLanguage(page, "en");
  expect(await page.context().cookies()).toEqual([]);

  const requestedAt = Date.now() - 1000;
  await page.getByLabel("E-mail address").fill(me.email);
  await page.getByRole("button", { name: "Send code" }).click();
  await page.getByLabel("Code (8 digits)").fill(await readSignInCode(me.email, requestedAt));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();

  for (const path of ["/about-register", "/marketing", "/contact", "/requests", "/download", "/sessions", "/"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await chooseLanguage(page, "fi");

  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).toEqual([sessionCookieName(serverEnv, "portal")]);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  const stored = await page.evaluate(() => Object.keys(localStorage));
  expect(stored).toEqual(["tietoni.locale"]);
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
});
