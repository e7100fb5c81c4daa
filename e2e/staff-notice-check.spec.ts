import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, expect, openPage, test } from "./fixtures.ts";

/*
 * Issue 15 B — the notice check, in both languages: an admin opens it from the menu and sees the demo notice's
 * warnings (four purposes on a contract basis, cookie consent left to the browser, transfers without safeguards),
 * each with its reason and a link to the guidance, and the statement that nothing is changed on the controller's
 * behalf; an agent has no menu entry, and the page answers them with a refusal.
 */

const texts = {
  fi: {
    title: "Selosteen tarkistus",
    nothingChanged: "mitään ei muuteta rekisterinpitäjän puolesta",
    count: "Huomautuksia: 6.",
    contract: "Markkinointi, profilointi tai tilastointi sopimuksen perusteella",
    cookies: "Evästesuostumus jätetty selaimen asetusten varaan",
    transfers: "Siirrot ETA:n ulkopuolelle ilman nimettyjä suojatoimia",
    edpb: /EDPB:n ohjeet 2\/2019/,
    version: /Voimassa oleva seloste: versio \d+, päivätty/,
  },
  en: {
    title: "Notice check",
    nothingChanged: "nothing is changed on the controller's behalf",
    count: "Warnings: 6.",
    contract: "Marketing, profiling or statistics on the basis of a contract",
    cookies: "Cookie consent left to browser settings",
    transfers: "Transfers outside the EEA without safeguards named",
    edpb: /EDPB Guidelines 2\/2019/,
    version: /Notice in force: version \d+, dated/,
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`an admin reads the notice check of the demo notice, with reasons and guidance (${locale})`, async ({
    page,
    signInNewStaffMember,
  }) => {
    await signInNewStaffMember({ role: "admin" });
    await openPage(page, "/reports/notice-check", locale, t.title);
    await expect(page.getByRole("navigation").getByRole("link", { name: t.title })).toBeVisible();
    await expect(page.getByText(t.nothingChanged)).toBeVisible();
    await expect(page.getByText(t.version)).toBeVisible();
    await expect(page.getByRole("status")).toHaveText(t.count);
    await expect(page.getByRole("heading", { level: 2, name: t.contract })).toHaveCount(4);
    await expect(page.getByRole("heading", { level: 2, name: t.cookies })).toHaveCount(1);
    await expect(page.getByRole("heading", { level: 2, name: t.transfers })).toHaveCount(1);
    const guidance = page.getByRole("link", { name: t.edpb }).first();
    await expect(guidance).toHaveAttribute(
      "href",
      "https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-22019-processing-personal-data-under-article-61b_en",
    );
    await expectNoAxeViolations(page);
  });
}

test("an agent has no notice check in the menu and is refused the page", async ({ page, signInNewStaffMember }) => {
  await signInNewStaffMember({ role: "agent" });
  await page.goto("/");
  await chooseLanguage(page, "en");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Requests" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Notice check" })).toHaveCount(0);
  const res = await page.request.get("/api/staff/notice-check");
  expect(res.status()).toBe(403);
});
