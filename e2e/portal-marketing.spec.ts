import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, expect, openPage, test } from "./fixtures.ts";

const texts = {
  fi: {
    heading: "Markkinointikiellot",
    directAdvertising: "Kiellän suoramainonnan",
    directAdvertisingName: "Suoramainonta",
    saved: "Tallennettu",
    objectAll: "Kiellä kaikki markkinointi",
    historyCaption: "Markkinointikieltojesi muutokset, uusin ensin",
    allowedToObjected: "Sallittu → muuttui tilaan Kielletty",
    objectedToAllowed: "Kielletty → muuttui tilaan Sallittu",
    portal: "Omat tiedot -palvelu",
    gpc: "Selaimen GPC-signaali",
    gpcNotice: "Selaimesi lähettää Global Privacy Control (GPC) -signaalin.",
  },
  en: {
    heading: "Marketing objections",
    directAdvertising: "I object to direct advertising",
    directAdvertisingName: "Direct advertising",
    saved: "Saved",
    objectAll: "Object to all marketing",
    historyCaption: "Changes to your marketing objections, newest first",
    allowedToObjected: "Allowed → changed to Objected",
    objectedToAllowed: "Objected → changed to Allowed",
    portal: "Self-service portal",
    gpc: "Browser's GPC signal",
    gpcNotice: "Your browser sends a Global Privacy Control signal",
  },
} as const;

/* The e2e database is shared by every test of a run: each test creates a customer of its own. */

const PURPOSE_COUNT = 7;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`a switch is saved at once, stays after a reload and shows in the history (${locale})`, async ({
    page,
    signInNewCustomer,
  }) => {
    await signInNewCustomer();
    await openPage(page, "/marketing", locale, t.heading);
    const checkboxes = page.getByRole("group").getByRole("checkbox");
    await expect(checkboxes).toHaveCount(PURPOSE_COUNT);
    const directAdvertising = page.getByRole("checkbox", { name: t.directAdvertising });
    await expect(directAdvertising).not.toBeChecked();
    await expectNoAxeViolations(page);

    await directAdvertising.check();
    await expect(page.getByRole("status").getByText(t.saved, { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.reload();
    await expect(directAdvertising).toBeChecked();
    const history = page.getByRole("table", { name: t.historyCaption });
    await expect(history.getByRole("row")).toHaveCount(2);
    const row = history.getByRole("row").nth(1);
    await expect(row).toContainText(t.directAdvertisingName);
    await expect(row).toContainText(t.allowedToObjected);
    await expect(row).toContainText(t.portal);
    await expectNoAxeViolations(page);

    // Withdrawing the objection is as easy as making it, and leaves its own row.
    await directAdvertising.uncheck();
    await expect(page.getByRole("status").getByText(t.saved, { exact: true })).toBeVisible();
    await page.reload();
    await expect(directAdvertising).not.toBeChecked();
    await expect(history.getByRole("row")).toHaveCount(3);
    await expect(history.getByRole("row").nth(1)).toContainText(t.objectedToAllowed);
  });

  test(`"object to all marketing" sets every switch (${locale})`, async ({ page, signInNewCustomer }) => {
    await signInNewCustomer();
    await page.goto("/marketing");
    await chooseLanguage(page, locale);
    const checkboxes = page.getByRole("group").getByRole("checkbox");
    await expect(checkboxes).toHaveCount(PURPOSE_COUNT);

    await page.getByRole("button", { name: t.objectAll }).click();
    await expect(page.getByRole("status").getByText(t.saved, { exact: true })).toBeVisible();
    for (let i = 0; i < PURPOSE_COUNT; i++) await expect(checkboxes.nth(i)).toBeChecked();
    await expectNoAxeViolations(page);

    await page.reload();
    for (let i = 0; i < PURPOSE_COUNT; i++) await expect(checkboxes.nth(i)).toBeChecked();
    // One history row per purpose, all through the portal.
    const rows = page.getByRole("table", { name: t.historyCaption }).getByRole("row");
    await expect(rows).toHaveCount(PURPOSE_COUNT + 1);
    await expect(rows.filter({ hasText: t.portal })).toHaveCount(PURPOSE_COUNT);
  });

  test(`a browser sending Global Privacy Control sees the notice and every switch objected (${locale})`, async ({
    browser,
    page,
    signInNewCustomer,
  }) => {
    // The fixture's session, carried over to a browser that sends Sec-GPC: 1 with every request.
    await signInNewCustomer();
    const gpcContext = await browser.newContext({ extraHTTPHeaders: { "Sec-GPC": "1" } });
    try {
      await gpcContext.addCookies(await page.context().cookies());
      const gpcPage = await gpcContext.newPage();
      await gpcPage.goto("/marketing");
      await chooseLanguage(gpcPage, locale);
      await expect(gpcPage.getByRole("heading", { level: 1, name: t.heading })).toBeVisible();
      await expect(gpcPage.getByText(t.gpcNotice)).toBeVisible();
      const checkboxes = gpcPage.getByRole("group").getByRole("checkbox");
      await expect(checkboxes).toHaveCount(PURPOSE_COUNT);
      for (let i = 0; i < PURPOSE_COUNT; i++) await expect(checkboxes.nth(i)).toBeChecked();
      const rows = gpcPage.getByRole("table", { name: t.historyCaption }).getByRole("row");
      await expect(rows.filter({ hasText: t.gpc })).toHaveCount(PURPOSE_COUNT);
      await expectNoAxeViolations(gpcPage);
    } finally {
      await gpcContext.close();
    }

    // Without the signal there is no notice, and the objections stay as recorded.
    await openPage(page, "/marketing", locale, t.heading);
    await expect(page.getByText(t.gpcNotice)).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: t.directAdvertising })).toBeChecked();
  });
}
