import { expectNoAxeViolations } from "./axe.ts";
import { addSourceSystem, expect, openPage, setRelationshipEnd, test, uniqueLetters } from "./fixtures.ts";

/* Issue 12 F: a customer whose data came from a connected system sees its name, and the day their data is erased. */

const texts = {
  fi: {
    heading: "Omat tiedot",
    source: (system: string) => `${system}, 3.11.2026`,
    erasureLabel: "Tietojen poistopäivä",
    erasureDate: "30.6.2036",
    why: "10 vuotta asiakkuuden päättymisestä (30.6.2026).",
  },
  en: {
    heading: "My data",
    source: (system: string) => `${system}, 3 Nov 2026`,
    erasureLabel: "Data due to be erased",
    erasureDate: "On 30 Jun 2036",
    why: "10 years after the customer relationship ended on 30 Jun 2026.",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];
  test(`my data names the source system and the erasure date (${locale})`, async ({ page, db, signInNewCustomer }) => {
    const me = await signInNewCustomer();
    const systemName = `Verkkokauppa ${uniqueLetters(6)}`;
    await addSourceSystem(db, me.id, { systemName, category: "orders", notedAt: Date.UTC(2026, 10, 3, 12) });
    await setRelationshipEnd(db, me.id, "2026-06-30");

    await openPage(page, "/", locale, t.heading);
    await expect(page.getByText(t.source(systemName), { exact: false })).toBeVisible();
    const erasure = page.locator("dt", { hasText: t.erasureLabel });
    await expect(erasure).toBeVisible();
    await expect(erasure.locator("xpath=following-sibling::dd[1]")).toHaveText(t.erasureDate);
    await expect(page.getByText(t.why)).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
