import fs from "node:fs/promises";
import type { Download, Locator, Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { expect, openPage, test } from "./fixtures.ts";

const texts = {
  fi: {
    heading: "Lataa omat tietoni",
    json: "Lataa JSON-tiedosto",
    schema: "JSON-tiedoston rakennekuvaus (JSON Schema)",
    csv: "Lataa CSV-taulukot (zip)",
    html: "Lataa HTML-asiakirja",
    historyCaption: "Tietojesi lataukset, uusin ensin",
    formats: { json: "JSON", csv: "CSV (zip)", html: "HTML" },
  },
  en: {
    heading: "Download my data",
    json: "Download the JSON file",
    schema: "The JSON file's schema (JSON Schema)",
    csv: "Download the CSV tables (zip)",
    html: "Download the HTML document",
    historyCaption: "Downloads of your data, newest first",
    formats: { json: "JSON", csv: "CSV (zip)", html: "HTML" },
  },
} as const;

/** Clicks a download link and waits until the whole file has arrived. */
async function download(page: Page, link: Locator): Promise<{ download: Download; file: Buffer }> {
  const [started] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const filePath = await started.path();
  return { download: started, file: await fs.readFile(filePath) };
}

/** The history's data rows (the header row left out), or 0 while it says there are none. */
async function historyRowCount(history: Locator): Promise<number> {
  return Math.max(0, (await history.getByRole("row").count()) - 1);
}

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`the customer downloads their data as JSON, CSV and HTML and sees the downloads listed (${locale})`, async ({
    page,
    signInNewCustomer,
  }) => {
    // A customer of this test's own: every download is recorded in the customer's history.
    const me = await signInNewCustomer();
    await openPage(page, "/download", locale, t.heading);
    await expect(page.getByRole("link", { name: t.schema })).toHaveAttribute(
      "href",
      "/api/portal/export/schema/v2.json",
    );
    const history = page.getByRole("table", { name: t.historyCaption });
    // The history has been read once its loading status is gone (a table, or the text saying there is none yet).
    await expect(page.getByRole("status")).toHaveCount(0);
    const before = await historyRowCount(history);
    await expectNoAxeViolations(page);

    const json = await download(page, page.getByRole("link", { name: t.json }));
    expect(json.download.suggestedFilename()).toMatch(/\.json$/);
    const jsonText = json.file.toString("utf8");
    expect(jsonText).toContain(me.email);
    expect(jsonText).toContain("tietoni-export");
    expect(() => JSON.parse(jsonText)).not.toThrow();

    const csv = await download(page, page.getByRole("link", { name: t.csv }));
    expect(csv.download.suggestedFilename()).toMatch(/\.zip$/);
    expect(csv.file.subarray(0, 2).toString("latin1")).toBe("PK");

    const html = await download(page, page.getByRole("link", { name: t.html }));
    expect(html.download.suggestedFilename()).toMatch(/\.html$/);
    const htmlText = html.file.toString("utf8");
    expect(htmlText).toContain(me.firstName);
    expect(htmlText).toMatch(new RegExp(`<html[^>]*lang="${locale}"`));

    // The page reads the history again after a download link is followed: newest first, HTML on top.
    await expect.poll(() => historyRowCount(history)).toBeGreaterThanOrEqual(before + 3);
    const rows = history.getByRole("row");
    await expect(rows.nth(1).getByRole("cell").nth(1)).toHaveText(t.formats.html);
    await expect(rows.nth(2).getByRole("cell").nth(1)).toHaveText(t.formats.csv);
    await expect(rows.nth(3).getByRole("cell").nth(1)).toHaveText(t.formats.json);
    await expectNoAxeViolations(page);

    // And it is still there on a later visit.
    await page.reload();
    await expect.poll(() => historyRowCount(history)).toBeGreaterThanOrEqual(before + 3);
  });
}
