import { expectNoAxeViolations } from "./axe.ts";
import { E2E_PORTAL_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, test } from "./fixtures.ts";
import { readSignInCode } from "./mailbox.ts";

/*
 * Issue 15 G: in the demo the portal is reached at http://127.0.0.1:<port> as well as http://localhost:<port>; a
 * sign-in from 127.0.0.1 was refused as a foreign origin. The session cookie is host-only, so it works on 127.0.0.1.
 */
test("a customer signs in to the demo portal at 127.0.0.1 and sees their data (en)", async ({ page, customer }) => {
  const me = await customer();
  await page.goto(`http://127.0.0.1:${E2E_PORTAL_PORT}/`);
  await chooseLanguage(page, "en");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to see your data" })).toBeVisible();
  const requestedAt = Date.now() - 1000;
  await page.getByLabel("E-mail address").fill(me.email);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByLabel("Code (8 digits)")).toBeFocused();
  await page.getByLabel("Code (8 digits)").fill(await readSignInCode(me.email, requestedAt));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();
  await expect(page.getByText(me.email).first()).toBeVisible();
  expect(new URL(page.url()).hostname).toBe("127.0.0.1");
  await expectNoAxeViolations(page);
});
