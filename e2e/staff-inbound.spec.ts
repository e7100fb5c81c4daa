import { createInboundConflict, phoneOf } from "../apps/bff/src/db/inbound-test-fixtures.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { expect, openPage, serverEnv, test } from "./fixtures.ts";

/*
 * The desk's inbox of incoming data: a connected system's older value meets a change the customer made later, the
 * ingest service keeps the customer's value and reports the conflict, and staff resolve it on the page.
 */

test("an agent applies a system's value kept back by a conflict (fi)", async ({ db, page, signInNewStaffMember }) => {
  const c = await createInboundConflict(db, serverEnv.suppressionKey);
  await signInNewStaffMember();
  await openPage(page, "/incoming", "fi", "Saapuneet tiedot");
  const row = page.getByRole("row").filter({ hasText: c.name });
  await expect(row).toContainText("Ristiriita");
  await expect(row).toContainText(c.system);
  await expect(row).toContainText(c.incoming);
  await expect(row).toContainText(c.own);
  await expect(row).toContainText("muuttanut asiakas");
  await expectNoAxeViolations(page);

  await row.getByRole("button", { name: `Ota saapunut käyttöön: puhelin, ${c.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ratkaistu." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: c.name })).toHaveCount(0);
  expect(await phoneOf(db, c.id)).toBe(c.incoming);
});

test("an agent keeps the customer's own value over a system's older one (en)", async ({
  db,
  page,
  signInNewStaffMember,
}) => {
  const c = await createInboundConflict(db, serverEnv.suppressionKey);
  await signInNewStaffMember();
  await openPage(page, "/incoming", "en", "Incoming data");
  const row = page.getByRole("row").filter({ hasText: c.name });
  await expect(row).toContainText("Conflict");
  await expect(row).toContainText("changed by the customer");
  await expectNoAxeViolations(page);

  await row.getByRole("button", { name: `Keep current: phone, ${c.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Resolved." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: c.name })).toHaveCount(0);
  expect(await phoneOf(db, c.id)).toBe(c.own);
});
