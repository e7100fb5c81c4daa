import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, expect, openPage, test } from "./fixtures.ts";
import { readSignInCode } from "./mailbox.ts";

/* Each test signs out sessions of a customer it created: the e2e register is shared by every test of a run. */

const texts = {
  fi: {
    heading: "Kirjautumiset ja istunnot",
    signInHeading: "Kirjaudu omiin tietoihisi",
    myData: "Omat tiedot",
    email: "Sähköpostiosoite",
    send: "Lähetä koodi",
    code: "Koodi (8 numeroa)",
    signIn: "Kirjaudu",
    activeCaption: "Laitteet, joilla olet nyt kirjautuneena",
    historyCaption: "Viimeisimmät kirjautumisesi, uusin ensin",
    thisDevice: "Tämä laite",
    chromeOnWindows: "Chrome, Windows",
    signOut: "Kirjaa ulos",
    ended: "Istunto on kirjattu ulos.",
    signOutOthers: "Kirjaa ulos kaikki muut istunnot",
    othersEnded: "Kirjasimme ulos 2 muuta istuntoa.",
    noOthers: "Et ole kirjautuneena millään muulla laitteella.",
  },
  en: {
    heading: "Sessions and sign-ins",
    signInHeading: "Sign in to see your data",
    myData: "My data",
    email: "E-mail address",
    send: "Send code",
    code: "Code (8 digits)",
    signIn: "Sign in",
    activeCaption: "Devices signed in to your data now",
    historyCaption: "Your latest sign-ins, newest first",
    thisDevice: "This device",
    chromeOnWindows: "Chrome on Windows",
    signOut: "Sign out",
    ended: "The session has been signed out.",
    signOutOthers: "Sign out all other sessions",
    othersEnded: "We signed out 2 other sessions.",
    noOthers: "You are not signed in on any other device.",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`a session on another device is signed out from this one (${locale})`, async ({
    browser,
    page,
    customer,
    signInAsCustomer,
  }) => {
    const { id: customerId, email } = await customer();

    // The other device signs in with a mailed code, which records its browser, address and the sign-in.
    const otherContext = await browser.newContext();
    try {
      const other = await otherContext.newPage();
      await other.goto("/");
      await chooseLanguage(other, locale);
      const requestedAt = Date.now() - 1000;
      await other.getByLabel(t.email).fill(email);
      await other.getByRole("button", { name: t.send }).click();
      await other.getByLabel(t.code).fill(await readSignInCode(email, requestedAt));
      await other.getByRole("button", { name: t.signIn, exact: true }).click();
      await expect(other.getByRole("heading", { level: 1, name: t.myData })).toBeVisible();

      // This device.
      await signInAsCustomer(customerId);
      await openPage(page, "/sessions", locale, t.heading);
      const active = page.getByRole("table", { name: t.activeCaption });
      await expect(active.getByRole("row")).toHaveCount(3);
      await expect(active.getByRole("row").nth(1)).toContainText(t.thisDevice);
      const otherRow = active.getByRole("row").nth(2);
      await expect(otherRow).toContainText(t.chromeOnWindows);
      await expect(otherRow).toContainText("127.0.0.1");
      const history = page.getByRole("table", { name: t.historyCaption });
      await expect(history.getByRole("row")).toHaveCount(2);
      await expect(history.getByRole("row").nth(1)).toContainText(t.chromeOnWindows);
      await expectNoAxeViolations(page);

      await otherRow.getByRole("button", { name: t.signOut }).click();
      await expect(page.getByRole("status").getByText(t.ended)).toBeVisible();
      await expect(active.getByRole("row")).toHaveCount(2);
      await expect(page.getByText(t.noOthers)).toBeVisible();
      await expectNoAxeViolations(page);

      // The other device finds itself signed out.
      await other.reload();
      await expect(other.getByRole("heading", { level: 1, name: t.signInHeading })).toBeVisible();
    } finally {
      await otherContext.close();
    }
  });

  test(`"sign out all other sessions" ends every session but this one (${locale})`, async ({
    browser,
    page,
    customer,
    signInAsCustomer,
  }) => {
    const customerId = (await customer()).id;
    // Two other devices: the fixture's sessions, the first one carried over to a browser of its own.
    await signInAsCustomer(customerId);
    const otherContext = await browser.newContext();
    try {
      await otherContext.addCookies(await page.context().cookies());
      await signInAsCustomer(customerId);
      await signInAsCustomer(customerId);

      await page.goto("/sessions");
      await chooseLanguage(page, locale);
      const active = page.getByRole("table", { name: t.activeCaption });
      await expect(active.getByRole("row")).toHaveCount(4);

      await page.getByRole("button", { name: t.signOutOthers }).click();
      await expect(page.getByRole("status").getByText(t.othersEnded)).toBeVisible();
      await expect(active.getByRole("row")).toHaveCount(2);
      await expect(active.getByRole("row").nth(1)).toContainText(t.thisDevice);
      await expectNoAxeViolations(page);

      const other = await otherContext.newPage();
      await other.goto("/sessions");
      await chooseLanguage(other, locale);
      await expect(other.getByRole("heading", { level: 1, name: t.signInHeading })).toBeVisible();
    } finally {
      await otherContext.close();
    }
  });
}
