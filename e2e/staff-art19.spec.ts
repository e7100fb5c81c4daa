import type { Page } from "@playwright/test";
import { randomToken } from "../apps/bff/src/auth/tokens.ts";
import { connectedSystems } from "../apps/bff/src/db/schema.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_PORTAL_PORT, E2E_STAFF_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, openPage, test } from "./fixtures.ts";

/*
 * Art. 19 from what actually happened (issue 13): a datum staff disclosed by hand to a connected system is
 * corrected; the system becomes a task on the request, staff confirm they told it, and the customer sees the
 * recipient told. The customer is one from after the disclosure log started, so the log alone names the party.
 * Uses the disclosure route (helper "disclosures") and the correction's event (helper "events") of issue 13.
 */

const PORTAL = `http://localhost:${E2E_PORTAL_PORT}`;
const STAFF = `http://localhost:${E2E_STAFF_PORT}`;

const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(new Date());

async function staffPost(page: Page, path: string, data: unknown) {
  const res = await page.request.post(`${STAFF}${path}`, { data, headers: { origin: STAFF } });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}

const texts = {
  fi: {
    queue: "Pyynnöt",
    recipients: "Ilmoitettavat vastaanottajat",
    openRequest: "Avaa pyyntö",
    request: "Korjauspyyntö",
    parties: "Ilmoitettavat osapuolet",
    byStaff: "Henkilökunta ilmoittaa",
    confirm: (p: string) => `Vahvista: ilmoitettu (${p})`,
    confirmed: (p: string) => `Ilmoitus vahvistettu: ${p}.`,
    told: /^Ilmoitettu /,
    allDone: "Kaikille osapuolille on ilmoitettu.",
    portalTitle: "Pyynnöt",
    portalTold: "Vastaanottajat, joille muutoksesta kerrottiin",
    portalToldOn: "kerrottu",
  },
  en: {
    queue: "Requests",
    recipients: "Recipients to notify",
    openRequest: "Open the request",
    request: "Rectification request",
    parties: "Parties to tell",
    byStaff: "Staff tell them",
    confirm: (p: string) => `Confirm told: ${p}`,
    confirmed: (p: string) => `Notification confirmed: ${p}.`,
    told: /^Told on /,
    allDone: "Every party has been told.",
    portalTitle: "Requests",
    portalTold: "Recipients told of this change",
    portalToldOn: "told on",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const x = texts[locale];
  test(`a correction of a datum disclosed by hand becomes a task staff confirm, and the customer sees the recipient told (${locale})`, async ({
    page,
    db,
    customer,
    signInNewStaffMember,
    signInAsCustomer,
  }) => {
    // Four pages checked with axe, two apps: more than the default minute on a shared machine.
    test.slow();
    // A customer from after the disclosure log started: no "before the log" tasks from the notice.
    const who = await customer({ phone: "+358401112233", createdAt: Date.now() });
    const systemId = randomToken();
    const systemName = `Perintätoimisto ${systemId.slice(0, 6)}`;
    await db.insert(connectedSystems).values({
      id: systemId,
      name: systemName,
      noticePartyKind: "recipient",
      noticePartyId: "financialAdministrationPartner",
      createdAt: Date.now(),
      createdBy: null,
    });

    await signInNewStaffMember();
    await staffPost(page, `/api/staff/customers/${who.id}/disclosures`, {
      recipient: { kind: "system", systemId },
      categories: ["phone"],
      legalBasis: "contract",
      reason: "debt_collection",
      disclosedOn: today(),
    });
    const registered = await staffPost(page, "/api/staff/requests", {
      customerId: who.id,
      channel: "paper",
      receivedOn: today(),
      request: { type: "rectification", field: "phone", newValue: "+358409998877", reason: "Uusi numero" },
    });
    const requestId = (registered.request as { id: string }).id;
    await staffPost(page, `/api/staff/requests/${requestId}/approve-correction`, {});

    // The desk lists the party still to tell, linked to its request.
    await openPage(page, "/requests", locale, x.queue);
    const list = page.getByRole("region", { name: x.recipients });
    const row = list.getByRole("row", { name: new RegExp(systemName) });
    await expect(row).toBeVisible();
    await expectNoAxeViolations(page);
    await row.getByRole("link", { name: x.openRequest }).click();

    await expect(page.getByRole("heading", { level: 1, name: `${x.request}: ${who.name}` })).toBeVisible();
    const parties = page.getByRole("table", { name: x.parties });
    await expect(parties).toContainText(systemName);
    await expect(parties).toContainText(x.byStaff);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: x.confirm(systemName) }).click();
    await expect(page.getByRole("status").filter({ hasText: x.confirmed(systemName) })).toBeVisible();
    await expect(parties.getByText(x.told)).toBeVisible();
    await expect(page.getByText(x.allDone)).toBeVisible();
    await expectNoAxeViolations(page);

    await signInAsCustomer(who.id);
    const portal = await page.context().newPage();
    await portal.goto(`${PORTAL}/requests`);
    await chooseLanguage(portal, locale);
    await expect(portal.getByRole("heading", { level: 1, name: x.portalTitle })).toBeVisible();
    const told = portal.getByRole("region", { name: x.portalTold });
    await expect(told).toContainText(systemName);
    await expect(told).toContainText(x.portalToldOn);
    await expectNoAxeViolations(portal);
  });
}
