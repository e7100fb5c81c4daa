import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, demo, expect, openPage, test } from "./fixtures.ts";

test("my data shows every category with why, where from, who receives and how long", async ({
  page,
  signInAsCustomer,
}) => {
  // Only looks: the demo customer, whose IP history is known.
  await signInAsCustomer(demo.customer.id);
  await openPage(page, "/", "en", "My data");
  for (const category of [
    "First and last name",
    "E-mail address",
    "Postal address",
    "Phone number",
    "IP number",
    "Earlier orders",
    "Billing data",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name: category, exact: false }).first()).toBeVisible();
  }
  await expect(page.getByText("203.0.113.10")).toBeVisible();
  await expect(page.getByText(/How long it is kept/).first()).toBeVisible();
  await expect(page.getByText(/10 years/).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the language choice is remembered across visits", async ({ page, signInNewCustomer }) => {
  await signInNewCustomer();
  await page.goto("/");
  await chooseLanguage(page, "en");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();
  await chooseLanguage(page, "fi");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Omat tiedot" })).toBeVisible();
});

for (const locale of ["fi", "en"] as const) {
  test(`the register's privacy notice is shown in full (${locale})`, async ({ page }) => {
    await page.goto("/about-register");
    await chooseLanguage(page, locale);
    await expect(
      page.getByRole("heading", { level: 1, name: locale === "fi" ? "Tietoa rekisteristä" : "About this register" }),
    ).toBeVisible();
    await expect(page.getByText("Mastermark Oy").first()).toBeVisible();
    await expect(page.getByText("tietosuoja@om.fi").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("a customer's page never shows another customer's data", async ({ page, customer, signInAsCustomer }) => {
  const [me, other] = await Promise.all([customer({ contactPerson: true }), customer()]);
  await signInAsCustomer(me.id);
  await page.goto("/");
  await expect(page.getByText(me.email).first()).toBeVisible();
  await expect(page.getByText(other.email)).toHaveCount(0);
});
