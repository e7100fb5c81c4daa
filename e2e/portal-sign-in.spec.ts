import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, expect, openPage, test } from "./fixtures.ts";
import { readSignInCode } from "./mailbox.ts";

const texts = {
  fi: {
    heading: "Kirjaudu omiin tietoihisi",
    email: "Sähköpostiosoite",
    send: "Lähetä koodi",
    code: "Koodi (6 numeroa)",
    signIn: "Kirjaudu",
    myData: "Omat tiedot",
    signOut: "Kirjaudu ulos",
    orders: "Aiemmat tilaukset",
  },
  en: {
    heading: "Sign in to see your data",
    email: "E-mail address",
    send: "Send code",
    code: "Code (6 digits)",
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

    await page.getByLabel(t.code).fill(await readSignInCode(me.email, requestedAt));
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

test("a wrong code is refused with a translated message", async ({ page, customer }) => {
  // A customer of this test's own: wrong codes count against the address's sign-in limit.
  const { email } = await customer();
  await page.goto("/");
  await chooseLanguage(page, "en");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send code" }).click();
  await page.getByLabel("Code (6 digits)").fill("000000");
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
    page.getByText("If nobody-here@example.com is in our register, we have sent a six-digit code"),
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
