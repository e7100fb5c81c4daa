import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { E2E_PORTAL_PORT, E2E_STAFF_PORT } from "./e2e-env.ts";
import { chooseLanguage, expect, test } from "./fixtures.ts";

/*
 * Issue 13 A and E: an admin's delivery log (status tabs, the kind filter, replay offered for a delivered refusal and
 * not for a code mail), and a restriction lifted only after its notice was delivered, which the portal then shows.
 */

const PORTAL = `http://localhost:${E2E_PORTAL_PORT}`;
const STAFF = `http://localhost:${E2E_STAFF_PORT}`;

async function portalRequest(page: Page, data: Record<string, string>) {
  const res = await page.request.post(`${PORTAL}/api/portal/requests`, { data, headers: { origin: PORTAL } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { request: { id: string } }).request.id;
}

async function staffPost(page: Page, path: string, data: Record<string, unknown> = {}) {
  const res = await page.request.post(`${STAFF}/api/staff${path}`, { data, headers: { origin: STAFF } });
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as { restriction: { id: string } };
}

type Log = { deliveries: { id: string; topic: string; requestId: string | null; status: string }[] };

const texts = {
  fi: {
    nav: "Toimitukset",
    delivered: /^Toimitettu \(\d+\)$/,
    kind: "Laji",
    replay: "Lähetä uudelleen",
    confirm: "Kyllä, lähetä uudelleen",
    queued: (id: string) => `Viesti ${id} on jonossa ja lähtee hetken kuluttua.`,
    statusDelivered: "Toimitettu",
  },
  en: {
    nav: "Deliveries",
    delivered: /^Delivered \(\d+\)$/,
    kind: "Kind",
    replay: "Replay",
    confirm: "Yes, replay",
    queued: (id: string) => `The message ${id} is queued and leaves in a moment.`,
    statusDelivered: "Delivered",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];
  test(`an admin filters the delivery log and replays a delivered refusal, never a code mail (${locale})`, async ({
    page,
    signInNewCustomer,
    signInNewStaffMember,
  }) => {
    test.slow();
    await signInNewCustomer();
    const requestId = await portalRequest(page, { type: "other", text: "Mihin tietojani käytetään?" });
    await signInNewStaffMember({ role: "admin" });
    await staffPost(page, `/requests/${requestId}/refuse`, { reasons: "Pyyntö on jo käsitelty aiemmin." });

    // The refusal mail is delivered just after the commit; find its row (ids only) through the API.
    let refusal: Log["deliveries"][number] | undefined;
    await expect
      .poll(async () => {
        const res = await page.request.get(`${STAFF}/api/staff/deliveries?status=delivered&kind=mail`);
        refusal = ((await res.json()) as Log).deliveries.find(
          (d) => d.requestId === requestId && d.topic === "request_refused",
        );
        return refusal?.status;
      })
      .toBe("delivered");
    const code = (
      (await (await page.request.get(`${STAFF}/api/staff/deliveries?kind=mail`)).json()) as Log
    ).deliveries.find((d) => d.topic === "sign_in_code");

    await page.goto("/");
    await chooseLanguage(page, locale);
    await page.getByRole("link", { name: t.nav }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.nav })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: t.delivered }).click();
    await expect(page.getByRole("button", { name: t.delivered })).toHaveAttribute("aria-pressed", "true");
    await page.getByLabel(t.kind).selectOption("mail");
    await expect(page).toHaveURL(/status=delivered&kind=mail/);
    const row = page.getByRole("row", { name: new RegExp(refusal?.id ?? "none") });
    await expect(row.getByRole("cell", { name: t.statusDelivered, exact: false }).first()).toBeVisible();
    if (code) {
      const codeRow = page.getByRole("row", { name: new RegExp(code.id) });
      if (await codeRow.count()) await expect(codeRow.getByRole("button")).toHaveCount(0);
    }
    await row.getByRole("button", { name: new RegExp(t.replay) }).click();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: t.confirm }).click();
    await expect(page.getByText(t.queued(refusal?.id ?? ""))).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("a restriction is lifted after its notice was delivered, and the portal shows the notice and the lift (fi, en)", async ({
  page,
  signInNewCustomer,
  signInNewStaffMember,
}) => {
  test.slow();
  await signInNewCustomer();
  const requestId = await portalRequest(page, { type: "restriction", ground: "legalClaim" });
  await signInNewStaffMember();
  await staffPost(page, `/operations/restriction/${requestId}/apply`);

  await page.goto(`/requests/${requestId}`);
  await chooseLanguage(page, "en");
  const panel = page.getByRole("region", { name: "Restriction of processing" });
  await panel.getByRole("button", { name: "Send the notice to the customer" }).click();
  await expect(panel.getByText("The notice was delivered to the customer.")).toBeVisible({ timeout: 10_000 });
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "fi");
  const paneeli = page.getByRole("region", { name: "Käsittelyn rajoittaminen" });
  await expect(paneeli.getByText("Ilmoitus on toimitettu asiakkaalle.")).toBeVisible();
  await paneeli.getByRole("radio").first().check();
  await paneeli.getByRole("button", { name: "Poista rajoitus" }).click();
  await expect(paneeli.getByText(/Rajoitus poistettiin/)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`${PORTAL}/requests`);
  await chooseLanguage(page, "fi");
  await expect(page.getByText(/Sinulle ilmoitettiin .* että rajoitus poistetaan\./)).toBeVisible();
  await expect(page.getByText(/Rajoitus päättyi/)).toBeVisible();
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "en");
  await expect(page.getByText(/You were told on .* that the restriction will be lifted\./)).toBeVisible();
  await expect(page.getByText(/The restriction ended on/)).toBeVisible();
  await expectNoAxeViolations(page);
});
