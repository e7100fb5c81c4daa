import { expectNoAxeViolations } from "./axe.ts";
import { expect, openPage, serverEnv, test } from "./fixtures.ts";

/*
 * Issue 14 A, in both languages: a customer with an invoice in debt collection sees before asking what an erasure
 * would keep (per ground, until when) and erase, with the complaint route; staff carry the erasure out (through the
 * staff API, as the staff app's button does); the customer then sees on their request what was kept and why.
 */

const STAFF = serverEnv.staffOrigin;
const PORTAL = serverEnv.portalOrigin;

const texts = {
  fi: {
    erasureTitle: "Tietojen poistaminen",
    before: "Mitä poistaminen tekisi nyt",
    ground: "Perinnässä oleva lasku (1)",
    complaint: "Tietosuojavaltuutetun toimisto",
    send: "Lähetä poistopyyntö",
    requests: "Pyynnöt",
    after: /^Poistettu .+ siltä osin kuin laki sallii$/,
    billing: /Laskutustiedot/i,
  },
  en: {
    erasureTitle: "Erasure of your data",
    before: "What an erasure would do now",
    ground: "Invoice in debt collection (1)",
    complaint: "Office of the Data Protection Ombudsman",
    send: "Send erasure request",
    requests: "Requests",
    after: /^Erased on .+ to the extent the law allows$/,
    billing: /Billing/i,
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`a customer with an unpaid invoice sees what erasure keeps, and after it what was kept and why (${locale})`, async ({
    page,
    signInNewCustomer,
    signInAsCustomer,
    staffMember,
    signInAsStaff,
  }) => {
    const customer = await signInNewCustomer({ invoiceInCollection: true });

    // Before: per ground, what is kept and until when, what is erased, and where to complain.
    await openPage(page, "/requests/erasure", locale, t.erasureTitle);
    const before = page.getByRole("region", { name: t.before });
    await expect(before).toBeVisible();
    await expect(before.getByRole("rowheader", { name: t.ground })).toBeVisible();
    await expect(page.getByText(t.complaint).first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.requests })).toBeVisible();
    const mine = await page.request.get(`${PORTAL}/api/portal/requests`);
    const { requests } = (await mine.json()) as { requests: { id: string; type: string }[] };
    const erasure = requests.find((r) => r.type === "erasure");
    expect(erasure).toBeDefined();

    // Staff carry it out: no longer refused while the debt is collected, it erases what no ground covers.
    const agent = await staffMember();
    await signInAsStaff(agent.id);
    const done = await page.request.post(`${STAFF}/api/staff/operations/erasure/${erasure?.id}/execute`, {
      headers: { origin: STAFF },
    });
    expect(done.status(), await done.text()).toBe(200);
    expect(await done.json()).toMatchObject({
      anonymised: false,
      partial: { kept: [{ ground: "debtCollection" }, { ground: "bookkeeping" }] },
    });

    // After: the erasure revoked the sessions; the customer signs in again and reads what was kept and why.
    await signInAsCustomer(customer.id);
    await openPage(page, "/requests", locale, t.requests);
    const after = page.getByRole("region", { name: t.after });
    await expect(after).toBeVisible();
    await expect(after.getByRole("rowheader", { name: t.ground })).toBeVisible();
    await expect(after.getByRole("cell", { name: t.billing }).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
