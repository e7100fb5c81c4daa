import { expectNoAxeViolations } from "./axe.ts";
import { expect, openPage, protectAddress, test, uniqueLetters } from "./fixtures.ts";

/* Issue 12 F: staff see that an address is protected, and the address only after choosing why (audited). */

const texts = {
  fi: {
    notice: "Turvakielto: osoite näytetään vain syyn kanssa",
    show: "Näytä osoite",
    reason: "Miksi avaat osoitteen?",
    choice: "Toimitus tai lasku asiakkaalle itselleen",
    submit: "Näytä",
    required: "Valitse, miksi avaat suojatun osoitteen.",
  },
  en: {
    notice: "Protected address (non-disclosure)",
    show: "Show address",
    reason: "Why do you open the address?",
    choice: "A delivery or an invoice to the customer themself",
    submit: "Show",
    required: "Choose why you open the protected address.",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];
  test(`a protected address is shown only for a reason (${locale})`, async ({
    page,
    db,
    customer,
    signInNewStaffMember,
  }) => {
    const c = await customer();
    const street = `Salapolku ${uniqueLetters(6)} 7`;
    await protectAddress(db, c.id, { street, postalCode: "33100", city: "Tampere" });
    await signInNewStaffMember();

    // A whole record page checked by axe twice: slow on a shared machine.
    test.slow();
    await openPage(page, `/customers/${c.id}`, locale, c.name);
    await expect(page.getByText(t.notice)).toBeVisible();
    await expect(page.getByText(street)).toHaveCount(0);

    await page.getByRole("button", { name: t.show }).click();
    await page.getByRole("button", { name: t.submit, exact: true }).click();
    await expect(page.getByText(t.required).first()).toBeVisible();
    await expect(page.getByText(street)).toHaveCount(0);
    // The notice stays in the open form, so this covers the record page with the reason form and its error.
    await expectNoAxeViolations(page);

    await page.getByLabel(t.reason).selectOption({ label: t.choice });
    await page.getByRole("button", { name: t.submit, exact: true }).click();
    await expect(page.getByText(street, { exact: false })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
