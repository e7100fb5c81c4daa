import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { DEMO_ADMIN_TOTP_SECRET } from "../apps/bff/src/db/seed-demo.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_STAFF_PORT } from "./e2e-env.ts";
import { chooseLanguage, demo, expect, test, uniqueLetters } from "./fixtures.ts";

const STAFF_ORIGIN = `http://localhost:${E2E_STAFF_PORT}`;

/** The code an authenticator app shows now for a base32 key (spaces, as shown on the page, are ignored). */
const codeFor = (key: string) => TOTP.generate({ secret: Secret.fromBase32(key.replace(/\s+/g, "")) });

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

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];
  test(`the demo admin signs in with password and authenticator code (${locale})`, async ({ page }) => {
    await page.goto("/");
    await chooseLanguage(page, locale);
    await signInWithPassword(page, locale, demo.admin.username, demo.admin.password);

    const code = page.getByLabel(t.code);
    await expect(code).toBeVisible();
    await expect(code).toBeFocused();
    await expectNoAxeViolations(page);

    await code.fill(codeFor(DEMO_ADMIN_TOTP_SECRET));
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

test("an agent enrols in two-factor sign-in, and the next sign-in asks for the code", async ({ page, staffMember }) => {
  const agent = await staffMember({ role: "agent", displayName: "Eero Enrol", password: "enrol-agent-passphrase" });

  await page.goto("/");
  await chooseLanguage(page, "en");
  await signInWithPassword(page, "en", agent.username, agent.password);
  await expect(page.getByRole("heading", { level: 1, name: "Find a customer" })).toBeVisible();

  await page.getByRole("link", { name: "Sign-in security" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign-in security" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Two-factor sign-in" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: /QR code for your authenticator app/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const key = (await page.locator(".accounts-manual-key").textContent()) ?? "";
  expect(key.replace(/\s+/g, "")).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Six-digit code").fill("000000" === codeFor(key) ? "000001" : "000000");
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByText(/The code does not match/)).toBeVisible();
  await page.getByLabel("Six-digit code").fill(codeFor(key));
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByText("Two-factor sign-in is now on.", { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await signInWithPassword(page, "en", agent.username, agent.password);
  await page.getByLabel("Authentication code").fill(codeFor(key));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Find a customer" })).toBeVisible();
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
    page.getByText("Ylläpitäjien on käytettävä kaksivaiheista tunnistusta.", { exact: false }),
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
    await signInWithPassword(other, "en", agent.username, agent.password);
    await expect(other.getByRole("heading", { level: 1, name: "Find a customer" })).toBeVisible();

    await page.goto("/");
    await chooseLanguage(page, locale);
    await signInWithPassword(page, locale, agent.username, agent.password);
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
