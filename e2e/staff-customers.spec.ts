import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, demo, expect, openPage, test, totpCodeFor } from "./fixtures.ts";

const texts = {
  fi: {
    heading: "Henkilökunnan kirjautuminen",
    user: "Käyttäjätunnus",
    password: "Salasana",
    code: "Todennuskoodi",
    signIn: "Kirjaudu",
    search: "Asiakkaiden haku",
    field: "Nimi, sähköposti tai organisaatio",
    button: "Hae",
    signOut: "Kirjaudu ulos",
    logged: /kirjattu lokiin/,
  },
  en: {
    heading: "Staff sign-in",
    user: "User name",
    password: "Password",
    code: "Authentication code",
    signIn: "Sign in",
    search: "Find a customer",
    field: "Name, e-mail or organisation",
    button: "Search",
    signOut: "Sign out",
    logged: /has been logged/,
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];
  test(`an agent signs in, finds the demo customer and opens her record (${locale})`, async ({ page, staffMember }) => {
    // An agent of this test's own, not the demo agent: an authenticator code works once, and the two languages'
    // tests may run within the same 30 seconds.
    const agent = await staffMember({ role: "agent", password: `search-agent-${locale}-passphrase` });
    await openPage(page, "/", locale, t.heading);
    await expectNoAxeViolations(page);

    await page.getByLabel(t.user).fill(agent.username);
    await page.getByLabel(t.password).fill(agent.password);
    await page.getByRole("button", { name: t.signIn, exact: true }).click();
    await page.getByLabel(t.code).fill(totpCodeFor(agent.totpSecret ?? ""));
    await page.getByRole("button", { name: t.signIn, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.search })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel(t.field).fill("asiakas");
    await page.getByRole("button", { name: t.button, exact: true }).click();
    const link = page.getByRole("link", { name: "Asiakas, Aino" });
    await expect(link).toBeVisible();
    await expectNoAxeViolations(page);

    await link.click();
    await expect(page.getByRole("heading", { level: 1, name: demo.customer.name })).toBeVisible();
    await expect(page.getByText(t.logged)).toBeVisible();
    await expect(page.getByText("T0000001-1").first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: t.signOut }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.heading })).toBeVisible();
  });
}

test("a wrong password is refused without saying which part was wrong", async ({ page, staffMember }) => {
  // An agent of this test's own: a wrong password counts against the account's sign-in limit.
  const agent = await staffMember();
  await page.goto("/");
  await chooseLanguage(page, "en");
  await page.getByLabel("User name").fill(agent.username);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Sign-in failed. Check your user name and password.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("searching by organisation finds its contact person", async ({ page, customer, signInAsStaff }) => {
  const contact = await customer({ contactPerson: true });
  // The organisation's name has a made-up word of its own ("Yhteisö <word> Oy"): search by that word.
  const word = contact.organisation?.name.split(" ")[1] ?? "";
  await signInAsStaff(demo.agent.id);
  await page.goto(`/?q=${word}`);
  await expect(page.getByRole("link", { name: `${contact.lastName}, ${contact.firstName}` })).toBeVisible();
});

test("an unknown customer id shows a not-found message", async ({ page, signInAsStaff }) => {
  await signInAsStaff(demo.agent.id);
  await page.goto("/customers/c9999999");
  await chooseLanguage(page, "en");
  await expect(page.getByText("No such customer.")).toBeVisible();
  await expectNoAxeViolations(page);
});
