import { Webhook } from "standardwebhooks";
import { expectNoAxeViolations } from "./axe.ts";
import { chooseLanguage, expect, openPage, serverEnv, test } from "./fixtures.ts";
import { type ReceivedWebhook, startWebhookReceiver } from "./webhook-receiver.ts";

/*
 * Issue 13's "done means", in both languages: a customer's objection in the portal reaches a webhook receiver the
 * test started within 5 s, signed and verifiable with the Standard Webhooks reference library; a receiver that is down
 * gets the next one after it comes back, with the same id (an admin retries it from the delivery log, where it then
 * shows as delivered); the customer sees the disclosure under the system's registered name; and a later change of a
 * datum the system received tells that system (Art. 19), which the customer sees on the Requests page.
 * Every test of a run shares the register: the endpoint is this test's own and is disabled at the end.
 */

const STAFF = serverEnv.staffOrigin;
const OBJECTIONS = "customer.marketing_objections_changed";
const CONTACT = "customer.contact_changed";

const texts = {
  fi: {
    marketing: "Markkinointikiellot",
    directAdvertising: "Kiellän suoramainonnan",
    deliveries: "Toimitukset",
    failing: /^Epäonnistuu, yritetään uudelleen \(\d+\)$/,
    delivered: /^Toimitettu \(\d+\)$/,
    retry: "Yritä uudelleen",
    confirmRetry: "Kyllä, yritä uudelleen",
    disclosures: "Kenelle tietojani on luovutettu",
    contact: "Yhteystiedot",
    phone: "Puhelinnumero",
    save: "Tallenna",
    phoneSaved: "Puhelinnumero tallennettiin.",
    requests: "Pyynnöt",
    toldOwn: "Vastaanottajat, joille kerrottiin itse tekemistäsi muutoksista",
  },
  en: {
    marketing: "Marketing objections",
    directAdvertising: "I object to direct advertising",
    deliveries: "Deliveries",
    failing: /^Failing, will retry \(\d+\)$/,
    delivered: /^Delivered \(\d+\)$/,
    retry: "Retry",
    confirmRetry: "Yes, retry",
    disclosures: "Who received my data",
    contact: "Contact details",
    phone: "Phone number",
    save: "Save",
    phoneSaved: "Your phone number was saved.",
    requests: "Requests",
    toldOwn: "Recipients told of changes you made yourself",
  },
} as const;

type Payload = {
  type: string;
  data: { customer: { id: string }; objections?: { purpose: string; objected: boolean }[] };
};

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`an objection reaches the company's system signed, survives the receiver being down, and is disclosed and told (${locale})`, async ({
    page,
    signInNewCustomer,
    staffMember,
    signInAsStaff,
  }) => {
    test.slow();
    const receiver = await startWebhookReceiver();
    const admin = await staffMember({ role: "admin" });
    await signInAsStaff(admin.id);
    const systemName = `Uutiskirjetyökalu ${locale} ${Date.now().toString(36)}`;
    const created = await page.request.post(`${STAFF}/api/staff/webhooks`, {
      headers: { origin: STAFF },
      data: {
        system: { kind: "new", name: systemName, party: { kind: "recipient", id: "controllerStaff" } },
        url: receiver.url,
        eventTypes: [OBJECTIONS, CONTACT],
        categories: ["name", "organisation", "email", "phone", "postalAddress", "www"],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { endpoint, secret } = (await created.json()) as { endpoint: { id: string }; secret: string };
    const webhook = new Webhook(secret);
    // The reference algorithm: throws unless the signature, id and timestamp are right.
    const verify = (r: ReceivedWebhook) =>
      webhook.verify(r.body, {
        "webhook-id": r.id,
        "webhook-timestamp": r.timestamp,
        "webhook-signature": r.signature,
      }) as Payload;

    try {
      const customer = await signInNewCustomer();
      const mine = (type: string) =>
        receiver.received.filter((r) => {
          const p = JSON.parse(r.body) as Payload;
          return p.type === type && p.data.customer.id === customer.id;
        });

      // 1. The objection leaves within 5 s of the click, signed.
      await openPage(page, "/marketing", locale, t.marketing);
      const directAdvertising = page.getByRole("checkbox", { name: t.directAdvertising });
      await directAdvertising.check();
      await expect.poll(() => mine(OBJECTIONS).length, { timeout: 5_000 }).toBe(1);
      const first = verify(mine(OBJECTIONS)[0] as ReceivedWebhook);
      expect(first.data.objections).toContainEqual(
        expect.objectContaining({ purpose: "directAdvertising", objected: true }),
      );

      // 2. The receiver is down: the withdrawal fails and waits in the outbox.
      await receiver.down();
      await directAdvertising.uncheck();
      // The admin's delivery log (ids and metadata only) shows the row failing, under the system's name.
      type Log = { deliveries: { id: string; status: string; customerId: string | null; systemName: string | null }[] };
      let failingId = "";
      await expect
        .poll(async () => {
          const res = await page.request.get(`${STAFF}/api/staff/deliveries?status=failing&kind=webhook`);
          const row = ((await res.json()) as Log).deliveries.find(
            (d) => d.customerId === customer.id && d.systemName === systemName,
          );
          failingId = row?.id ?? "";
          return row?.status;
        })
        .toBe("failing");
      await receiver.up();

      // An admin sees it failing in the delivery log and retries it: it arrives with the same id.
      await page.goto(`${STAFF}/admin/deliveries`);
      await chooseLanguage(page, locale);
      await expect(page.getByRole("heading", { level: 1, name: t.deliveries })).toBeVisible();
      await page.getByRole("button", { name: t.failing }).click();
      const failingRow = page.getByRole("row", { name: new RegExp(failingId) });
      await failingRow.getByRole("button", { name: t.retry }).click();
      await page.getByRole("button", { name: t.confirmRetry }).click();
      await expect.poll(() => mine(OBJECTIONS).length, { timeout: 5_000 }).toBe(2);
      const again = mine(OBJECTIONS)[1] as ReceivedWebhook;
      expect(again.id).toBe(failingId);
      expect(verify(again).data.objections).toContainEqual(
        expect.objectContaining({ purpose: "directAdvertising", objected: false }),
      );
      await page.getByRole("button", { name: t.delivered }).click();
      await expect(page.getByRole("row", { name: new RegExp(failingId) })).toBeVisible();
      await expectNoAxeViolations(page);

      // 3. The customer sees the disclosure under the system's registered name.
      await openPage(page, "/disclosures", locale, t.disclosures);
      await expect(page.getByText(systemName).first()).toBeVisible();
      await expectNoAxeViolations(page);

      // 4. The first phone change discloses the contact data to the system; a second one changes a datum it holds,
      // so the system is a party to tell (Art. 19), told by the event itself.
      await openPage(page, "/contact", locale, t.contact);
      const phone = page.getByRole("textbox", { name: t.phone, exact: true });
      const phoneForm = page.locator("form").filter({ has: phone });
      for (const [i, number] of ["+358 40 111 2233", "+358 40 444 5566"].entries()) {
        await phone.fill(number);
        await phoneForm.getByRole("button", { name: t.save }).click();
        await expect(page.getByText(t.phoneSaved)).toBeVisible();
        await expect.poll(() => mine(CONTACT).length, { timeout: 5_000 }).toBe(i + 1);
      }
      await openPage(page, "/requests", locale, t.requests);
      const told = page.getByRole("region", { name: t.toldOwn });
      await expect(told.getByText(systemName)).toBeVisible();
      await expectNoAxeViolations(page);
    } finally {
      await page.request.patch(`${STAFF}/api/staff/webhooks/${endpoint.id}`, {
        headers: { origin: STAFF },
        data: { enabled: false },
      });
      await receiver.close();
    }
  });
}
