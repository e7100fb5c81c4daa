import fs from "node:fs";
import { externalIds } from "../apps/bff/src/db/schema.ts";
import { findSystemByName } from "../apps/bff/src/services/connected-systems.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, demo, expect, openPage, test, uniqueLetters } from "./fixtures.ts";

/*
 * Bulk import from the staff app (issue 12): an admin uploads a file, reads the dry run's report, applies it and
 * follows the progress bar to the final report. Each test names a connected system and customers of its own.
 */

const HEADER = "external_id,first_name,last_name,email,relationship_start";

test("an admin imports a CSV of 10,000 customers: dry run, apply with a progress bar, done (fi, en)", async ({
  db,
  page,
  staffMember,
  signInAsStaff,
}, testInfo) => {
  test.setTimeout(180_000);
  const tag = uniqueLetters().toLowerCase();
  const system = `CRM ${tag}`;
  const lines = [HEADER];
  for (let i = 1; i <= 10_000; i++) {
    lines.push(`${tag}-${i},Tuotu${i},Asiakas-${tag},tuotu-${tag}-${i}@example.test,2024-01-15`);
  }
  const file = testInfo.outputPath(`customers-${tag}.csv`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);

  await signInAsStaff((await staffMember({ role: "admin" })).id);
  await openPage(page, "/admin/imports", "fi", "Tiedostojen tuonti");
  await expectNoAxeViolations(page);
  await page.getByLabel("Lähdejärjestelmän nimi").fill(system);
  await page.getByLabel("Tiedosto", { exact: true }).setInputFiles(file);
  await page.getByRole("button", { name: "Tarkista tiedosto" }).click();
  await expect(page.getByTestId("import-state")).toHaveText("Tarkistettu kokeiluajona – mitään ei ole vielä muutettu", {
    timeout: 60_000,
  });
  const countsFi = page.getByRole("table", { name: "Rivien määrät" });
  await expect(countsFi.getByRole("row", { name: /Uusia/ })).toContainText("10000");
  await expect(page.getByText("(uusi, rekisteröitiin tässä tuonnissa)")).toBeVisible();
  await expectNoAxeViolations(page);
  // Nothing is in the register before the import is confirmed.
  const systemRow = await findSystemByName(db, system);
  expect(systemRow).toBeDefined();
  // The system's customer ids in the register (filtered here: the e2e package has no query builder of its own).
  const imported = async () =>
    (await db.select({ systemId: externalIds.systemId }).from(externalIds).all()).filter(
      (r) => r.systemId === systemRow?.id,
    ).length;
  expect(await imported()).toBe(0);

  await chooseLanguage(page, "en");
  await expect(page.getByTestId("import-state")).toHaveText("Checked in a dry run – nothing has been changed yet");
  await page.getByRole("button", { name: "Import the file" }).click();
  await expect(page.getByRole("progressbar", { name: "Progress of the import" })).toBeVisible();
  await expect(page.getByTestId("import-state")).toHaveText("Done", { timeout: 120_000 });
  await expect(page.getByText("10000 of 10000 rows imported.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Row counts" }).getByRole("row", { name: /New/ })).toContainText(
    "10000",
  );
  await expectNoAxeViolations(page);
  expect(await imported()).toBe(10_000);

  await chooseLanguage(page, "fi");
  await expect(page.getByTestId("import-state")).toHaveText("Valmis");
  await expect(page.getByText("Tuotu 10000/10000 riviä.")).toBeVisible();
});

test("the dry run lists refused rows with their line and a translated reason; a wrong delimiter refuses the file (en, fi)", async ({
  page,
  staffMember,
  signInAsStaff,
}, testInfo) => {
  const tag = uniqueLetters().toLowerCase();
  const bad = testInfo.outputPath("bad-rows.csv");
  fs.writeFileSync(
    bad,
    `${HEADER}\n${tag}-1,Aino,A,aino-${tag}@example.test,2024-01-01\n${tag}-2,Eino,B,not-an-email,2024-01-01\n${tag}-1,Aino,C,,2024-01-01\n`,
  );
  const semicolons = testInfo.outputPath("semicolons.csv");
  fs.writeFileSync(semicolons, `${HEADER.replaceAll(",", ";")}\n${tag}-9;Aino;A;;2024-01-01\n`);

  await signInAsStaff((await staffMember({ role: "admin" })).id);
  await openPage(page, "/admin/imports", "en", "File import");
  await page.getByLabel("Source system's name").fill(`Shop ${tag}`);
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("This field is required.")).toBeVisible();
  await page.getByLabel("File", { exact: true }).setInputFiles(bad);
  await page.getByRole("button", { name: "Check the file" }).click();
  const issues = page.getByRole("table", { name: "Rows not imported as they were (at most 200)" });
  await expect(issues.getByRole("row", { name: /^3 / })).toContainText("Enter a valid e-mail address.");
  await expect(issues.getByRole("row", { name: /^2 / })).toContainText("The same identifier (external_id)");
  await expect(issues.getByRole("row", { name: /^4 / })).toContainText(`${tag}-1`);
  await expect(page.getByLabel("Import the valid rows and skip the refused ones")).toBeVisible();
  await expectNoAxeViolations(page);

  await chooseLanguage(page, "fi");
  const issuesFi = page.getByRole("table", { name: "Rivit, joita ei tuotu sellaisenaan (enintään 200)" });
  await expect(issuesFi.getByRole("row", { name: /^3 / })).toContainText("Anna kelvollinen sähköpostiosoite.");

  await page.getByLabel("Tiedosto", { exact: true }).setInputFiles(semicolons);
  await page.getByRole("button", { name: "Tarkista tiedosto" }).click();
  await expect(page.getByTestId("import-state")).toHaveText("Hylätty – mitään ei muutettu");
  await expect(page.getByRole("alert")).toContainText("Sarakkeita ei ole eroteltu pilkuilla.");
  await expect(page.getByRole("button", { name: "Tuo tiedosto" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("an agent is told importing is for administrators", async ({ page, signInAsStaff }) => {
  await signInAsStaff(demo.agent.id);
  await openPage(page, "/admin/imports", "en", "File import");
  await expect(page.getByText("Only an administrator can import files.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Import" })).toHaveCount(0);
});
