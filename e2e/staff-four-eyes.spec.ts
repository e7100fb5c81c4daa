import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_STAFF_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, findCustomer, test, uniqueLetters } from "./fixtures.ts";

/*
 * Issue 14 D — four eyes for the irreversible, end to end: an erasure its registrant tries to carry out waits for a
 * second person, who approves it in "Approvals"; an admin made by an admin waits for a second admin. Each test uses
 * staff members and customers of its own (the register has many admins by now, so a new admin always waits).
 */

const STAFF = `http://localhost:${E2E_STAFF_PORT}`;

async function staffPost(page: Page, path: string, data: unknown) {
  const res = await page.request.post(`${STAFF}${path}`, { data, headers: { origin: STAFF } });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}

const erasureTexts = {
  fi: {
    panel: "Poiston toteuttaminen",
    confirm: /Olen tarkistanut perusteet/,
    execute: "Anonymisoi asiakkaan tiedot",
    waits: /Poisto odottaa toisen henkilön hyväksyntää/,
    why: "Kirjasit tämän pyynnön itse, joten et voi toteuttaa poistoa yksin.",
    approvals: "Hyväksynnät",
    approve: (customerId: string) => `Hyväksy: Tietojen poisto, ${customerId}`,
    ground: "Pyytäjä kirjasi poistopyynnön itse.",
  },
  en: {
    panel: "Carrying out the erasure",
    confirm: /I have checked the grounds/,
    execute: "Anonymise the customer's data",
    waits: /The erasure waits for a second person's approval/,
    why: "You registered this request yourself, so you cannot carry out the erasure alone.",
    approvals: "Approvals",
    approve: (customerId: string) => `Approve: Erasure, ${customerId}`,
    ground: "The requester registered the erasure request themselves.",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = erasureTexts[locale];
  test(`an erasure its registrant carries out waits until a second person approves it (${locale})`, async ({
    db,
    page,
    customer,
    staffMember,
    signInAsStaff,
  }) => {
    const who = await customer({ orders: 0 });
    const registrant = await staffMember();
    await signInAsStaff(registrant.id);
    const registered = await staffPost(page, "/api/staff/requests", {
      customerId: who.id,
      channel: "paper",
      receivedOn: new Date().toISOString().slice(0, 10),
      request: { type: "erasure" },
    });
    const requestId = (registered.request as { id: string }).id;

    await page.goto(`/requests/${requestId}`);
    await chooseLanguage(page, locale);
    const panel = page.getByRole("region", { name: t.panel });
    await panel.getByLabel(t.confirm).check();
    await panel.getByRole("button", { name: t.execute }).click();
    await expect(panel.getByText(t.waits)).toBeVisible();
    await expect(panel.getByText(t.why)).toBeVisible();
    await expectNoAxeViolations(page);
    expect((await findCustomer(db, who.id))?.anonymisedAt).toBeNull();

    // A second person, in a browser of their own, approves it in "Approvals": the erasure runs then.
    await page.context().clearCookies();
    const second = await staffMember();
    await signInAsStaff(second.id);
    await page.goto("/approvals");
    await chooseLanguage(page, locale);
    await expect(page.getByRole("heading", { level: 1, name: t.approvals })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: who.id });
    await expect(row.getByText(t.ground)).toBeVisible();
    await expectNoAxeViolations(page);
    await row.getByRole("button", { name: t.approve(who.id) }).click();
    await expect(page.getByRole("row").filter({ hasText: who.id })).toHaveCount(0);
    await expect.poll(async () => (await findCustomer(db, who.id))?.anonymisedAt ?? null).not.toBeNull();
  });
}

const adminTexts = {
  fi: {
    section: "Lisää käyttäjätunnus",
    username: "Käyttäjätunnus",
    name: "Nimi",
    role: "Rooli",
    password: "Ensimmäinen salasana",
    date: "Salassapitositoumus allekirjoitettu (päivämäärä)",
    add: "Lisää käyttäjätunnus",
    waiting: "Odottaa toisen ylläpitäjän hyväksyntää",
    own: "Teit hänestä ylläpitäjän: toisen ylläpitäjän on hyväksyttävä.",
    approve: "Hyväksy ylläpitäjäksi",
    approved: (name: string) => `${name} on nyt ylläpitäjä.`,
    active: "Käytössä",
    fourEyes: "Kahden henkilön hyväksyntä",
    colleagues: /kahden henkilön hyväksyntää ei voi kytkeä pois/,
  },
  en: {
    section: "Add a staff account",
    username: "User name",
    name: "Name",
    role: "Role",
    password: "Initial password",
    date: "Confidentiality commitment signed on",
    add: "Add account",
    waiting: "Waiting for a second administrator's approval",
    own: "You made them an administrator: another administrator must approve.",
    approve: "Approve as administrator",
    approved: (name: string) => `${name} is now an administrator.`,
    active: "Active",
    fourEyes: "Four eyes",
    colleagues: /four eyes cannot be switched off/,
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = adminTexts[locale];
  test(`an admin made by an admin waits until a second admin approves (${locale})`, async ({
    page,
    staffMember,
    signInAsStaff,
  }) => {
    const username = `e2e.admin-${locale}-${uniqueLetters()}`;
    const displayName = `Uusi Ylläpitäjä ${uniqueLetters(4)}`;
    const creator = await staffMember({ role: "admin" });
    await signInAsStaff(creator.id);
    await page.goto("/admin/staff");
    await chooseLanguage(page, locale);

    const form = page.getByRole("region", { name: t.section });
    await form.getByLabel(t.username).fill(username);
    await form.getByLabel(t.name, { exact: true }).fill(displayName);
    await form.getByLabel(t.role).selectOption("admin");
    await form.getByLabel(t.password).fill("a-much-better-passphrase");
    await form.getByLabel(t.date).fill("2026-02-01");
    await form.getByRole("button", { name: t.add }).click();
    const row = page.getByRole("row", { name: new RegExp(username.replace(".", "\\.")) });
    await expect(row.getByRole("cell", { name: t.waiting, exact: true })).toBeVisible();
    await expect(row.getByText(t.own)).toBeVisible();
    // The switch is shown with the rule: with many staff in the register, it cannot be turned off.
    const fourEyes = page.getByRole("region", { name: t.fourEyes });
    await expect(fourEyes.getByText(t.colleagues)).toBeVisible();
    await expectNoAxeViolations(page);

    await page.context().clearCookies();
    const second = await staffMember({ role: "admin" });
    await signInAsStaff(second.id);
    await page.goto("/admin/staff");
    await chooseLanguage(page, locale);
    const waitingRow = page.getByRole("row", { name: new RegExp(username.replace(".", "\\.")) });
    await waitingRow.getByRole("button", { name: `${t.approve} ${username}` }).click();
    await expect(page.getByText(t.approved(displayName))).toBeVisible();
    await expect(waitingRow.getByRole("cell", { name: t.active, exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
