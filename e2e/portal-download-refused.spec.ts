import { expectNoAxeViolations } from "./axe.ts";
import { expect, openPage, test } from "./fixtures.ts";

/*
 * A refused download (another one still running) sends the browser back to the download page with the refusal's
 * code (apps/bff/src/routes/portal/export.ts); the page says why in the customer's language.
 */

const texts = {
  fi: {
    heading: "Lataa omat tietoni",
    refusal: "Edellinen latauksesi on vielä kesken. Odota, että se valmistuu, ja yritä sitten uudelleen.",
  },
  en: {
    heading: "Download my data",
    refusal: "Your previous download is still running. Wait for it to finish, then try again.",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`the download page says why a download was refused (${locale})`, async ({ page, signInNewCustomer }) => {
    await signInNewCustomer();
    // Where the BFF sends a browser whose download it refused.
    await openPage(page, "/download?error=export_in_progress", locale, t.heading);
    await expect(page.getByRole("alert")).toHaveText(t.refusal);
    await expectNoAxeViolations(page);
    // Only the export's refusals are shown; anything else in the address is ignored.
    await page.goto("/download?error=<b>made-up</b>");
    await expect(page.getByRole("heading", { level: 1, name: t.heading })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);
  });
}
