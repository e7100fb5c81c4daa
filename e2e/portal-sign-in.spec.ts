import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, expect, openPage, test } from "./fixtures.ts";
import { readSignInCode, readSignInLink } from "./mailbox.ts";

const texts = {
  fi: {
    heading: "Kirjaudu omiin tietoihisi",
    email: "Sähköpostiosoite",
    send: "Lähetä koodi",
    code: "Koodi (8 numeroa)",
    linkHeading: "Kirjaudu linkillä",
    signIn: "Kirjaudu",
    myData: "Omat tiedot",
    signOut: "Kirjaudu ulos",
    orders: "Aiemmat tilaukset",
  },
  en: {
    heading: "Sign in to see your data",
    email: "E-mail address",
    send: "Send code",
    code: "Code (8 digits)",
    linkHeading: "Sign in with the link",
    signIn: "Sign in",
    myData: "My data",
    signOut: "Sign out",
    orders: "Earlier orders",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`a customer signs in with the mailed code and sees their data (${locale})`, async ({ page, customer }) => {
    // A customer of this test's own: a newer code for the same address would replace the one this test reads.
    const me = await customer({ orders: 4 });
    await openPage(page, "/", locale, t.heading);
    await expectNoAxeViolations(page);

    const requestedAt = Date.now() - 1000;
    await page.getByLabel(t.email).fill(me.email);
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByLabel(t.code)).toBeFocused();
    await expectNoAxeViolations(page);

    // As the mail shows it, "1234 5678": the space is welcome.
    const code = await readSignInCode(me.email, requestedAt);
    expect(code).toMatch(/^\d{4} \d{4}$/);
    await page.getByLabel(t.code).fill(code);
    await page.getByRole("button", { name: t.signIn, exact: true }).click();

    await expect(page.getByRole("heading", { level: 1, name: t.myData })).toBeVisible();
    await expect(page.getByText(me.email).first()).toBeVisible();
    // The customer's orders with their numbers, and the invoices.
    await expect(page.getByText(me.orderNumbers[0] ?? "no order").first()).toBeVisible();
    await expect(page.getByText(me.invoiceNumbers.at(-1) ?? "no invoice").first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: t.signOut }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.heading })).toBeVisible();
    // The session is gone: "My data" sends the customer back to sign-in.
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: t.heading })).toBeVisible();
  });
}

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`a customer signs in with the link in the mail, by pressing the button (${locale})`, async ({
    page,
    customer,
  }) => {
    const me = await customer();
    await openPage(page, "/", locale, t.heading);
    const requestedAt = Date.now() - 1000;
    await page.getByLabel(t.email).fill(me.email);
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByLabel(t.code)).toBeFocused();
    const link = await readSignInLink(me.email, requestedAt);
    expect(new URL(link).pathname).toBe("/sign-in/link");

    // Opening the link signs no one in (a mail scanner opens every link): only the button does.
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: t.linkHeading })).toBeVisible();
    // The secret leaves the address bar once the page has read it.
    await expect(page).toHaveURL(/\/sign-in\/link$/);
    await expectNoAxeViolations(page);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: t.heading })).toBeVisible();

    await page.goto(link);
    await page.getByRole("button", { name: t.signIn, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.myData })).toBeVisible();
    await expect(page.getByText(me.email).first()).toBeVisible();

    // It works once.
    await page.getByRole("button", { name: t.signOut }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.heading })).toBeVisible();
    await page.goto(link);
    await page.getByRole("button", { name: t.signIn, exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(
      locale === "fi"
        ? "Kirjautumislinkki on vanhentunut tai jo käytetty"
        : "This sign-in link has expired or has already been used",
    );
    await expectNoAxeViolations(page);
  });
}

test("when an address has used up its attempts, the message points to the link, which still signs in", async ({
  page,
  customer,
}) => {
  // A customer of this test's own: the requests count against the address's limit.
  const { email } = await customer();
  await page.goto("/");
  await chooseLanguage(page, "en");
  const requestedAt = Date.now() - 1000;
  // Five requests a window per address: someone else could have made them.
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "Send code" }).click();
    await page.getByRole("button", { name: "Use another address" }).click();
  }
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(
    page.getByText("Too many attempts for this address. Sign in with the link in the newest e-mail"),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(await readSignInLink(email, requestedAt));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();
});

test("a link page opened without its secret says so", async ({ page }) => {
  await page.goto("/sign-in/link");
  await chooseLanguage(page, "fi");
  await expect(page.getByRole("alert")).toContainText("Linkistä puuttuu osa");
  await expect(page.getByRole("link", { name: "Kirjautumissivulle" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a wrong code is refused with a translated message", async ({ page, customer }) => {
  // A customer of this test's own: wrong codes count against the address's sign-in limit.
  const { email } = await customer();
  await page.goto("/");
  await chooseLanguage(page, "en");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send code" }).click();
  await page.getByLabel("Code (8 digits)").fill("0000 0000");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("The code is wrong or has expired.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an unknown address gets the same answer as a registered one", async ({ page }) => {
  await page.goto("/");
  await chooseLanguage(page, "en");
  await page.getByLabel("E-mail address").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(
    page.getByText(
      "If nobody-here@example.com is in our register, we have sent an eight-digit code and a sign-in link",
    ),
  ).toBeVisible();
});

test("an invalid address gets a clear message and no code is sent", async ({ page }) => {
  await page.goto("/");
  await chooseLanguage(page, "fi");
  await page.getByLabel("Sähköpostiosoite").fill("ei-osoite");
  await page.getByRole("button", { name: "Lähetä koodi" }).click();
  await expect(page.getByText("Anna kelvollinen sähköpostiosoite.")).toBeVisible();
  await expect(page.getByLabel("Sähköpostiosoite")).toHaveAttribute("aria-invalid", "true");
});
