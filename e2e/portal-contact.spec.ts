import type { Page } from "@playwright/test";
import { backdateCustomerSignIn } from "../apps/bff/src/db/test-fixtures.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { expect, findCustomer, openPage, test, uniqueLetters } from "./fixtures.ts";
import { readEmailChangeUndoLink, readReauthenticationCode, readSignInCode } from "./mailbox.ts";

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
    reauthHeading: "Vahvista, että olet sinä",
    reauthCode: "Koodi nykyisestä osoitteestasi (6 numeroa)",
    reauthConfirm: "Vahvista ja jatka",
    undoTitle: "Peru sähköpostiosoitteen vaihto",
    undoButton: "Palauta aiempi osoitteeni",
    undoDone: "Aiempi sähköpostiosoitteesi on taas käytössä, ja kaikki istunnot on kirjattu ulos.",
    undoUsed: "Linkkiä on jo käytetty, eikä se toimi uudelleen.",
    undoInvalid: "Linkki on virheellinen.",
    signInTitle: "Kirjaudu omiin tietoihisi",
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
    reauthHeading: "Confirm that it is you",
    reauthCode: "Code from your current address (6 digits)",
    reauthConfirm: "Confirm and continue",
    undoTitle: "Undo the e-mail address change",
    undoButton: "Restore my previous address",
    undoDone: "Your previous e-mail address is in use again, and every session has been signed out.",
    undoUsed: "The link has already been used and does not work again.",
    undoInvalid: "The link is not valid.",
    signInTitle: "Sign in to see your data",
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

  test(`a sign-in over 5 minutes old confirms with a code to the current address before an e-mail change (${locale})`, async ({
    page,
    db,
    signInNewCustomer,
  }) => {
    const customer = await signInNewCustomer();
    // As if the customer had signed in 10 minutes ago (or someone had borrowed their open session).
    await backdateCustomerSignIn(db, customer.id, 10 * 60_000);
    await openContact(page, locale);
    const newEmail = `uusi-reauth-${locale}-${uniqueLetters()}@example.org`;

    const requestedAt = Date.now() - 1000;
    await page.getByRole("textbox", { name: t.newEmail }).fill(newEmail);
    await page.getByRole("button", { name: t.sendCode }).click();
    // The re-authentication step: a code to the CURRENT address, nothing to the new one yet.
    await expect(page.getByRole("heading", { name: t.reauthHeading })).toBeVisible();
    await expect(page.getByRole("textbox", { name: t.reauthCode })).toBeFocused();
    await expect(page.getByText(customer.email).first()).toBeVisible();
    await expectNoAxeViolations(page);

    const reauthCode = await readReauthenticationCode(customer.email, requestedAt);
    await page.getByRole("textbox", { name: t.reauthCode }).fill(reauthCode === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: t.reauthConfirm }).click();
    await expect(page.getByText(t.wrongCode)).toBeVisible();
    await expect(page.getByRole("textbox", { name: t.reauthCode })).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);

    // The right code lets the change go on: the code to the new address is sent at once.
    await page.getByRole("textbox", { name: t.reauthCode }).fill(reauthCode);
    await page.getByRole("button", { name: t.reauthConfirm }).click();
    await expect(page.getByRole("textbox", { name: t.code })).toBeFocused();
    const code = await readSignInCode(newEmail, requestedAt);
    await page.getByRole("textbox", { name: t.code }).fill(code);
    await page.getByRole("button", { name: t.confirm }).click();
    await expect(page.getByRole("status").filter({ hasText: `${t.emailChanged} ${newEmail}` })).toBeVisible();
    expect((await findCustomer(db, customer.id))?.email).toBe(newEmail);
  });

  test(`the link mailed to the old address undoes an e-mail change and signs every session out (${locale})`, async ({
    page,
    db,
    signInNewCustomer,
  }) => {
    const customer = await signInNewCustomer();
    await openContact(page, locale);
    const newEmail = `kaapattu-${locale}-${uniqueLetters()}@example.org`;
    const requestedAt = Date.now() - 1000;
    await page.getByRole("textbox", { name: t.newEmail }).fill(newEmail);
    await page.getByRole("button", { name: t.sendCode }).click();
    await page.getByRole("textbox", { name: t.code }).fill(await readSignInCode(newEmail, requestedAt));
    await page.getByRole("button", { name: t.confirm }).click();
    await expect(page.getByRole("status").filter({ hasText: `${t.emailChanged} ${newEmail}` })).toBeVisible();

    // The notice to the old address carries the link; opening it changes nothing until the button is pressed.
    const link = await readEmailChangeUndoLink(customer.email, requestedAt);
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: t.undoTitle })).toBeVisible();
    await expect(page.getByRole("button", { name: t.undoButton })).toBeVisible();
    expect((await findCustomer(db, customer.id))?.email).toBe(newEmail);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: t.undoButton }).click();
    await expect(page.getByRole("status").filter({ hasText: t.undoDone })).toBeVisible();
    // The secret leaves the address bar once used.
    expect(new URL(page.url()).hash).toBe("");
    await expectNoAxeViolations(page);
    expect((await findCustomer(db, customer.id))?.email).toBe(customer.email);

    // Every session ended, this browser's too: the contact page now asks to sign in.
    await page.goto("/contact");
    await expect(page.getByRole("heading", { level: 1, name: t.signInTitle })).toBeVisible();

    // The link works once; a link without its secret is refused; both in the page's language.
    await page.goto(link);
    await page.getByRole("button", { name: t.undoButton }).click();
    await expect(page.getByRole("alert").filter({ hasText: t.undoUsed })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/email-change/undo");
    await expect(page.getByRole("alert").filter({ hasText: t.undoInvalid })).toBeVisible();
  });
}
