import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_STAFF_PORT } from "./e2e-env.ts";
import { chooseLanguage, totpCodeFor as codeFor, expect, test, uniqueLetters } from "./fixtures.ts";

const STAFF_ORIGIN = `http://localhost:${E2E_STAFF_PORT}`;

const texts = {
  fi: {
    signInHeading: "Henkilökunnan kirjautuminen",
    user: "Käyttäjätunnus",
    password: "Salasana",
    signIn: "Kirjaudu",
    code: "Todennuskoodi",
    search: "Asiakkaiden haku",
    signOut: "Kirjaudu ulos",
  },
  en: {
    signInHeading: "Staff sign-in",
    user: "User name",
    password: "Password",
    signIn: "Sign in",
    code: "Authentication code",
    search: "Find a customer",
    signOut: "Sign out",
  },
} as const;

async function signInWithPassword(page: Page, locale: "fi" | "en", username: string, password: string) {
  const t = texts[locale];
  await expect(page.getByRole("heading", { level: 1, name: t.signInHeading })).toBeVisible();
  await page.getByLabel(t.user).fill(username);
  await page.getByLabel(t.password).fill(password);
  await page.getByRole("button", { name: t.signIn, exact: true }).click();
}

/** Password, then the authenticator code (`stepsAhead`: see totpCodeFor). */
async function signInWithCode(
  page: Page,
  locale: "fi" | "en",
  who: { username: string; password: string; totpSecret: string | null },
  stepsAhead = 0,
) {
  const t = texts[locale];
  await signInWithPassword(page, locale, who.username, who.password);
  await page.getByLabel(t.code).fill(codeFor(who.totpSecret ?? "", stepsAhead));
  await page.getByRole("button", { name: t.signIn, exact: true }).click();
}

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];
  test(`an admin signs in with password and authenticator code (${locale})`, async ({ page, staffMember }) => {
    // An admin of this test's own, not the demo admin: a code works once, and the two languages' tests may run
    // within the same 30 seconds.
    const admin = await staffMember({ role: "admin", password: `code-admin-${locale}-passphrase` });
    await page.goto("/");
    await chooseLanguage(page, locale);
    await signInWithPassword(page, locale, admin.username, admin.password);

    const code = page.getByLabel(t.code);
    await expect(code).toBeVisible();
    await expect(code).toBeFocused();
    await expectNoAxeViolations(page);

    await code.fill(codeFor(admin.totpSecret ?? ""));
    await page.getByRole("button", { name: t.signIn, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.search })).toBeVisible();
    await page.getByRole("button", { name: t.signOut }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.signInHeading })).toBeVisible();
  });
}

test("a wrong authenticator code is refused without saying more", async ({ page, staffMember }) => {
  // An admin of this test's own: a wrong code counts against the account's sign-in limit.
  const admin = await staffMember({ role: "admin" });
  await page.goto("/");
  await chooseLanguage(page, "en");
  await signInWithPassword(page, "en", admin.username, admin.password);
  const wrong = String((Number(codeFor(admin.totpSecret ?? "")) + 500_000) % 1_000_000).padStart(6, "0");
  await page.getByLabel("Authentication code").fill(wrong);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Sign-in failed. Check the code and try again.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an admin without two-factor sign-in is sent to enrol first (fi)", async ({ page, staffMember }) => {
  const admin = await staffMember({
    role: "admin",
    totp: false,
    displayName: "Aila Admin",
    password: "second-admin-passphrase",
  });

  await page.goto("/");
  await chooseLanguage(page, "fi");
  await signInWithPassword(page, "fi", admin.username, admin.password);
  await expect(page.getByRole("heading", { level: 1, name: "Kirjautumisen turvallisuus" })).toBeVisible();
  await expect(
    page.getByText("Roolisi (Ylläpitäjä) edellyttää kaksivaiheista tunnistusta.", { exact: false }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Henkilökunta" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kirjautumisen turvallisuus" })).toBeVisible();
});

const everywhereTexts = {
  fi: { nav: "Kirjautumisen turvallisuus", button: "Kirjaudu ulos kaikilta laitteilta" },
  en: { nav: "Sign-in security", button: "Sign out everywhere" },
} as const;

for (const locale of ["fi", "en"] as const) {
  test(`an agent signs out everywhere: a session left open elsewhere ends too (${locale})`, async ({
    page,
    browser,
    staffMember,
  }) => {
    const t = texts[locale];
    // An account of its own: ending every session of the demo agent would sign out tests running beside this one.
    const agent = await staffMember({
      role: "agent",
      displayName: "Eila Everywhere",
      password: `everywhere-${locale}-passphrase`,
    });

    // The session "left open elsewhere": another browser signed in as the same agent.
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await other.goto(`${STAFF_ORIGIN}/`);
    await signInWithCode(other, "en", agent);
    await expect(other.getByRole("heading", { level: 1, name: "Find a customer" })).toBeVisible();

    await page.goto("/");
    await chooseLanguage(page, locale);
    // The same person's second sign-in: the first one's code is used up, the next step's is not.
    await signInWithCode(page, locale, agent, 1);
    await expect(page.getByRole("heading", { level: 1, name: t.search })).toBeVisible();
    await page.getByRole("link", { name: everywhereTexts[locale].nav }).click();
    await expect(page.getByRole("heading", { level: 2, name: everywhereTexts[locale].button })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: everywhereTexts[locale].button }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.signInHeading })).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: t.signInHeading })).toBeVisible();

    // The other browser's session is gone as well: its next page load asks for sign-in.
    await other.reload();
    await expect(other.getByRole("heading", { level: 1, name: "Staff sign-in" })).toBeVisible();
    await elsewhere.close();
  });
}

const accountTexts = {
  fi: {
    heading: "Henkilökunnan käyttäjätunnukset",
    username: "Käyttäjätunnus",
    name: "Nimi",
    role: "Rooli",
    password: "Ensimmäinen salasana",
    date: "Salassapitositoumus allekirjoitettu (päivämäärä)",
    section: "Lisää käyttäjätunnus",
    add: "Lisää käyttäjätunnus",
    added: (u: string) => `Käyttäjätunnus ${u} lisättiin.`,
    edit: "Muokkaa",
    disable: "Poista käytöstä",
    disabled: (u: string) => `Käyttäjätunnus ${u} poistettiin käytöstä.`,
    disabledStatus: "Poistettu käytöstä",
    common: "Salasana on liian yleinen. Valitse toinen.",
  },
  en: {
    heading: "Staff accounts",
    username: "User name",
    name: "Name",
    role: "Role",
    password: "Initial password",
    date: "Confidentiality commitment signed on",
    section: "Add a staff account",
    add: "Add account",
    added: (u: string) => `Account ${u} was added.`,
    edit: "Edit",
    disable: "Disable account",
    disabled: (u: string) => `Account ${u} was disabled.`,
    disabledStatus: "Disabled",
    common: "This password is too common. Choose another.",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = accountTexts[locale];
  test(`an admin creates a staff account and disables it (${locale})`, async ({ page, staffMember, signInAsStaff }) => {
    // Unique: a user name is taken for good, and a repeated run must find it free.
    const username = `e2e.new-${locale}-${uniqueLetters()}`;
    const admin = await staffMember({ role: "admin" });
    await signInAsStaff(admin.id);
    await page.goto("/admin/staff");
    await chooseLanguage(page, locale);
    await expect(page.getByRole("heading", { level: 1, name: t.heading })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: new RegExp(admin.displayName) })).toBeVisible();
    await expectNoAxeViolations(page);

    const form = page.getByRole("region", { name: t.section });
    await form.getByLabel(t.username).fill(username);
    await form.getByLabel(t.name, { exact: true }).fill("Uusi Työntekijä");
    await form.getByLabel(t.role).selectOption("agent");
    await form.getByLabel(t.password).fill("Password1234");
    await form.getByLabel(t.date).fill("2026-02-01");
    await form.getByRole("button", { name: t.add }).click();
    await expect(page.getByText(t.common).first()).toBeVisible();
    await expectNoAxeViolations(page);

    await form.getByLabel(t.password).fill("a-much-better-passphrase");
    await form.getByRole("button", { name: t.add }).click();
    await expect(page.getByText(t.added(username))).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(username.replace(".", "\\.")) });
    await expect(row).toBeVisible();

    await row.getByRole("button", { name: `${t.edit} ${username}` }).click();
    await expect(page.getByRole("heading", { level: 2, name: /Uusi Työntekijä/ })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: t.disable }).click();
    await expect(page.getByText(t.disabled(username))).toBeVisible();
    await expect(row.getByRole("cell", { name: t.disabledStatus, exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("an admin browses the audit trail and verifies the chain", { tag: "@register" }, async ({
  page,
  staffMember,
  signInAsStaff,
}) => {
  // Verifies the whole trail: in the serial "register" project (playwright.config.ts), on entries of its own admin.
  const admin = await staffMember({ role: "admin" });
  await signInAsStaff(admin.id);
  await page.goto("/admin/audit");
  await chooseLanguage(page, "en");
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /entries/i })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByText(/The chain is intact: \d+ entries checked\./)).toBeVisible();
  await expectNoAxeViolations(page);

  // The page's own first read was audited: filtering by its action finds it.
  await page.getByLabel("Action").fill("audit");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=audit/);
  const table = page.getByRole("table", { name: "Entries, newest first" });
  await expect(table.getByText("audit.viewed").first()).toBeVisible();
  await expect(table.getByText("audit.verified").first()).toBeVisible();
  // Each role has one name per language (issue 10): "Administrator" here as everywhere.
  await expect(table.getByText(`${admin.displayName} (Administrator)`).first()).toBeVisible();
  await expectNoAxeViolations(page);

  await chooseLanguage(page, "fi");
  await expect(page.getByRole("heading", { level: 1, name: "Lokitiedot" })).toBeVisible();
  await page.getByRole("button", { name: "Tarkista ketju" }).click();
  await expect(page.getByText(/Ketju on eheä/)).toBeVisible();
  await expectNoAxeViolations(page);
});
