import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_PORTAL_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, test } from "./fixtures.ts";

/*
 * Stored text is shown as text: a customer stores an HTML/script payload through a correction request, and
 * neither the portal nor the staff app runs it or turns it into markup. Uses a customer and an agent of its own.
 */

const PORTAL = `http://localhost:${E2E_PORTAL_PORT}`;
const PAYLOAD = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
const REASON = `Reason ${PAYLOAD}`;

/** Nothing the payload could have run has run, and it did not become an element. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
}

test("an HTML/script payload in a correction request is shown as text in the portal and the staff app", async ({
  page,
  signInNewCustomer,
  signInNewStaffMember,
}) => {
  await signInNewCustomer();
  const res = await page.request.post(`${PORTAL}/api/portal/requests`, {
    data: { type: "rectification", field: "lastName", newValue: PAYLOAD, reason: REASON },
    headers: { origin: PORTAL },
  });
  expect(res.status()).toBe(201);
  const { request } = (await res.json()) as { request: { id: string } };

  await page.goto(`${PORTAL}/requests`);
  await chooseLanguage(page, "en");
  await expect(page.getByText(PAYLOAD, { exact: true })).toBeVisible();
  await expect(page.getByText(REASON, { exact: true })).toBeVisible();
  await expectInert(page);
  await expectNoAxeViolations(page);

  await signInNewStaffMember();
  await page.goto(`/requests/${request.id}`);
  await chooseLanguage(page, "en");
  const diff = page.getByRole("table", { name: "The correction asked for" });
  await expect(diff).toContainText(PAYLOAD);
  await expect(diff).toContainText(REASON);
  await expect(diff.getByText(PAYLOAD, { exact: true })).toBeVisible();
  await expectInert(page);
  await expectNoAxeViolations(page);
});
