import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { expect, openPage, test, uniqueLetters } from "./fixtures.ts";
import { readSignInCode } from "./mailbox.ts";

/* Each test signs in as a customer it created: the e2e register is shared by every test of a run. */

const texts = {
  fi: {
    title: "Yhteystiedot",
    phone: "Puhelinnumero",
    save: "Tallenna",
    phoneSaved: "Puhelinnumero tallennettiin.",
    phoneInvalid: "Anna puhelinnumero kansainvälisessä muodossa",
    history: "Tietojesi muutokset, uusin ensin",
    you: "Sinä",
    newEmail: "Uusi sähköpostiosoite",
    sendCode: "Lähetä vahvistuskoodi",
    code: "Vahvistuskoodi (6 numeroa)",
    confirm: "Vahvista uusi osoite",
    emailChanged: "Sähköpostiosoitteesi on nyt",
    emailField: "Sähköpostiosoite",
    wrongCode: "Koodi on väärä tai vanhentunut.",
    correction: "Tee korjauspyyntö",
    newRequest: "Uusi pyyntö",
    correctionKind: "Nimen, organisaation tai laskutustietojen korjaamista",
  },
  en: {
    title: "Contact details",
    phone: "Phone number",
    save: "Save",
    phoneSaved: "Your phone number was saved.",
    phoneInvalid: "Enter the phone number in international format",
    history: "Changes to your data, newest first",
    you: "You",
    newEmail: "New e-mail address",
    sendCode: "Send confirmation code",
    code: "Confirmation code (6 digits)",
    confirm: "Confirm the new address",
    emailChanged: "Your e-mail address is now",
    emailField: "E-mail address",
    wrongCode: "The code is wrong or has expired.",
    correction: "Request a correction",
    newRequest: "New request",
    correctionKind: "Correction of my name, organisation or billing data",
  },
} as const;

async function openContact(page: Page, locale: "fi" | "en") {
  await openPage(page, "/contact", locale, texts[locale].title);
}

/** The change history, found by its caption. */
const historyTable = (page: Page, locale: "fi" | "en") => page.getByRole("table", { name: texts[locale].history });

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`a customer changes their phone number and sees the change in the history (${locale})`, async ({
    page,
    signInNewCustomer,
  }) => {
    await signInNewCustomer();
    await openContact(page, locale);
    await expectNoAxeViolations(page);

    // An invalid number is refused with a translated message, next to the field, and nothing is saved.
    const phone = page.getByRole("textbox", { name: t.phone, exact: true });
    await phone.fill("040 123");
    const phoneForm = page.locator("form").filter({ has: phone });
    await phoneForm.getByRole("button", { name: t.save }).click();
    await expect(phoneForm.getByText(t.phoneInvalid)).toBeVisible();
    await expect(phone).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);
    await page.reload();
    await expect(page.getByRole("textbox", { name: t.phone, exact: true })).not.toHaveValue("040 123");
    await expect(page.getByText("040 123")).toHaveCount(0);

    // A valid number is saved, confirmed, and recorded in the history as the customer's own change.
    const number = locale === "fi" ? "+358 40 765 4321" : "+358 50 111 2222";
    const stored = number.replace(/ /g, "");
    await page.getByRole("textbox", { name: t.phone, exact: true }).fill(number);
    await page
      .locator("form")
      .filter({ has: page.getByRole("textbox", { name: t.phone, exact: true }) })
      .getByRole("button", { name: t.save })
      .click();
    await expect(page.getByRole("status").filter({ hasText: t.phoneSaved })).toBeVisible();
    const row = historyTable(page, locale).getByRole("row").filter({ hasText: stored });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("rowheader")).toHaveText(t.phone);
    await expect(row).toContainText(t.you);
    await expectNoAxeViolations(page);

    // It stays after a reload: it was saved, not only shown.
    await page.reload();
    await expect(page.getByRole("textbox", { name: t.phone, exact: true })).toHaveValue(stored);
  });

  test(`a customer changes their e-mail address with the code mailed to the new address (${locale})`, async ({
    page,
    signInNewCustomer,
  }) => {
    await signInNewCustomer();
    await openContact(page, locale);
    // Unique: an address can belong to one customer only, and a repeated run must not find it taken.
    const newEmail = `uusi-osoite-${locale}-${uniqueLetters()}@example.org`;

    const requestedAt = Date.now() - 1000;
    await page.getByRole("textbox", { name: t.newEmail }).fill(newEmail);
    await page.getByRole("button", { name: t.sendCode }).click();
    await expect(page.getByRole("textbox", { name: t.code })).toBeFocused();
    await expect(page.getByText(newEmail).first()).toBeVisible();
    await expectNoAxeViolations(page);

    // A wrong code is refused with a translated message.
    const code = await readSignInCode(newEmail, requestedAt);
    await page.getByRole("textbox", { name: t.code }).fill(code === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: t.confirm }).click();
    await expect(page.getByText(t.wrongCode)).toBeVisible();
    await expect(page.getByRole("textbox", { name: t.code })).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);

    await page.getByRole("textbox", { name: t.code }).fill(code);
    await page.getByRole("button", { name: t.confirm }).click();
    await expect(page.getByRole("status").filter({ hasText: `${t.emailChanged} ${newEmail}` })).toBeVisible();
    const row = historyTable(page, locale).getByRole("row").filter({ hasText: newEmail });
    await expect(row.getByRole("rowheader")).toHaveText(t.emailField);
    await expectNoAxeViolations(page);

    // "My data" shows the new address.
    await page.goto("/");
    await expect(page.getByText(newEmail).first()).toBeVisible();
  });

  test(`name, organisation and billing data are corrected through a request (${locale})`, async ({
    page,
    signInNewCustomer,
  }) => {
    await signInNewCustomer();
    await openContact(page, locale);
    await page.getByRole("link", { name: t.correction }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.newRequest })).toBeVisible();
    await expect(page.getByRole("radio", { name: t.correctionKind })).toBeChecked();
  });
}
