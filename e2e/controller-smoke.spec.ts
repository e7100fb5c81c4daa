import fs from "node:fs/promises";
import path from "node:path";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_SECOND_MAIL_DIR } from "./e2e-env.ts";
import { expect, secondServerEnv, test } from "./fixtures.ts";
import { readSignInCode } from "./mailbox.ts";

/*
 * Issue 15 C: the smoke of another controller. The same build, served by a BFF started with NOTICE_FILE =
 * notices/nordwind.json (Nordwind Tools Ltd, a made-up controller; project "second-controller" in
 * playwright.config.ts): sign-in, my data, download, one mail, the staff record. Nothing of the demo controller may
 * show, and the screens speak English without a choice: the browser is English and so is the notice's default.
 */
const controller = "Nordwind Tools Ltd";
/** The demo controller's identifying details (notices/mastermark.json): never on the second controller's screens. */
const demoController = /Mastermark|Piiskakuja 7|851 2316|Heli Ahonen/;
const root = path.resolve(import.meta.dirname, "..");

/** The raw .eml files mailed to `email` since `after` by the second server, oldest first. */
async function mailsTo(email: string, after: number): Promise<string[]> {
  const dir = path.join(root, E2E_SECOND_MAIL_DIR);
  const names = (await fs.readdir(dir)).filter((f) => f.endsWith(".eml")).sort();
  const mails: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if ((await fs.stat(file)).mtimeMs < after) continue;
    const text = await fs.readFile(file, "utf8");
    if (new RegExp(`^To: ${email}$`, "m").test(text)) mails.push(text);
  }
  return mails;
}

test("a customer signs in with the code the second controller mailed, in English", async ({ page, customer }) => {
  const me = await customer();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to see your data" })).toBeVisible();
  await expectNoAxeViolations(page);

  const requestedAt = Date.now() - 1000;
  await page.getByLabel("E-mail address").fill(me.email);
  await page.getByRole("button", { name: "Send code" }).click();
  const code = await readSignInCode(me.email, requestedAt, E2E_SECOND_MAIL_DIR);
  await page.getByLabel("Code (8 digits)").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();

  // The mail came from the second controller: its sender (MAIL_FROM is unset, so the notice's), its signature.
  const [mail] = await mailsTo(me.email, requestedAt);
  expect(mail).toBeDefined();
  const headers = mail?.slice(0, mail.search(/\r?\n\r?\n/)) ?? "";
  expect(headers).toMatch(/^From: "?Nordwind Tools Ltd"? <privacy@nordwind\.example\.com>$/m);
  expect(headers).toMatch(/^Message-ID: <[^>]+@nordwind\.example\.com>$/im);
  // In English (the browser's language, sent with the request) and naming the controller it is from.
  expect(headers).toMatch(/^Subject: Signing in to the self-service \(Nordwind Tools Ltd\)$/m);
  expect(mail).not.toMatch(demoController);
});

test("my data shows the second controller's categories: its renamed one, not the one it omits", async ({
  page,
  signInNewCustomer,
}) => {
  // Nothing stored in the category the file leaves out, as in a register kept under that notice.
  const me = await signInNewCustomer({ withoutWww: true });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();
  await expect(page.getByText(me.email).first()).toBeVisible();
  // Renamed by the file ("First and last name" in the demo's) and described by it.
  await expect(page.getByRole("heading", { level: 2, name: "Full name" }).first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Delivery address" }).first()).toBeVisible();
  // Left out by the file: no heading for the web address.
  await expect(page.getByRole("heading", { level: 2, name: /Web address|www/i })).toHaveCount(0);
  await expect(page.getByText(/6 years from the end of the customer relationship/).first()).toBeVisible();
  await expect(page.locator("body")).not.toContainText(demoController);
  await expectNoAxeViolations(page);
});

test("the privacy notice is the second controller's: its name, purposes and recipients", async ({ page }) => {
  await page.goto("/about-register");
  await expect(page.getByRole("heading", { level: 1, name: "About this register" })).toBeVisible();
  await expect(page.getByText(controller).first()).toBeVisible();
  await expect(page.getByText("Nordwind customer and warranty register").first()).toBeVisible();
  await expect(page.getByText("Logistics partner").first()).toBeVisible();
  await expect(page.getByText(/standard contractual clauses/).first()).toBeVisible();
  await expect(page.locator("body")).not.toContainText(demoController);
  await expectNoAxeViolations(page);
});

test("the download carries the second controller's notice", async ({ page, signInNewCustomer }) => {
  const me = await signInNewCustomer();
  await page.goto("/download");
  await expect(page.getByRole("heading", { level: 1, name: "Download my data" })).toBeVisible();
  await expectNoAxeViolations(page);
  const [started] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the JSON file" }).click(),
  ]);
  const text = await fs.readFile(await started.path(), "utf8");
  const doc = JSON.parse(text);
  expect(doc.customer.profile.email).toBe(me.email);
  expect(doc.register.controller.name).toBe(controller);
  expect(Object.keys(doc.register.dataCategories)).not.toContain("www");
  expect(doc.register.dataCategories.name.name.en).toBe("Full name");
  expect(Object.keys(doc.register.recipients)).toContain("logisticsPartner");
  expect(text).not.toMatch(demoController);
});

test("the staff record of a customer opens in the second controller's staff app", async ({
  page,
  customer,
  signInNewStaffMember,
}) => {
  const c = await customer();
  await signInNewStaffMember();
  await page.goto(`${secondServerEnv.staffOrigin}/customers/${c.id}`);
  await expect(page.getByRole("heading", { level: 1, name: c.name })).toBeVisible();
  await expect(page.getByText(c.email).first()).toBeVisible();
  await expect(page.locator("body")).not.toContainText(demoController);
  await expectNoAxeViolations(page);
});
