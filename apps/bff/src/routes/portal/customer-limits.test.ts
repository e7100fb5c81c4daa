import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { marketingEvents, requests } from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { marketingWithdrawalLimit } from "../../services/marketing.ts";
import { requestLimit } from "../../services/requests.ts";
import { PORTAL_ORIGIN, withBothDemoCustomers } from "../../test/test-context.ts";

const both = await withBothDemoCustomers();
const { t, idA, cookieB: matti } = both;
let aino = both.cookieA;
/** Moves the clock past the sessions' idle timeout, so Aino signs in again. */
const later = async (ms: number) => {
  t.advance(ms);
  aino = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
};

const requestsOf = async (customerId: string) =>
  (await t.db.select({ n: count() }).from(requests).where(eq(requests.customerId, customerId)).get())?.n ?? 0;
const eventsOf = async (customerId: string) =>
  (await t.db.select({ n: count() }).from(marketingEvents).where(eq(marketingEvents.customerId, customerId)).get())
    ?.n ?? 0;
const putMarketing = (cookie: string, objected: boolean) =>
  t.portal.request("/api/portal/marketing", {
    method: "PUT",
    headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, cookie },
    body: JSON.stringify({ changes: [{ purpose: "marketResearch", objected }] }),
  });

describe("per-customer limit on new requests", () => {
  it("takes 10 requests a day, refuses the 11th with a translated error and stores nothing, and audits each", async () => {
    expect(t.env.LIMIT_REQUESTS_PER_DAY).toBe(10);
    const before = await requestsOf(idA);
    const seq = await t.lastAuditSeq();
    for (let i = 0; i < t.env.LIMIT_REQUESTS_PER_DAY; i++) {
      const res = await t.postPortal("/api/portal/requests", { type: "other", text: `Kysymys numero ${i}` }, aino);
      expect(res.status, `request ${i + 1}`).toBe(201);
    }
    const refused = await t.postPortal("/api/portal/requests", { type: "other", text: "Yksi liikaa" }, aino);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "request_limit_reached" } });
    expect(await requestsOf(idA)).toBe(before + t.env.LIMIT_REQUESTS_PER_DAY);

    // One customer's limit is not another's.
    expect((await t.postPortal("/api/portal/requests", { type: "other", text: "Matin kysymys" }, matti)).status).toBe(
      201,
    );

    // Item 16: each stored request is one audit entry by the customer, with its id and kind, never its text.
    const entries = (await t.auditSince(seq)).filter((e) => e.action === "customer.request.submitted");
    expect(entries).toHaveLength(t.env.LIMIT_REQUESTS_PER_DAY + 1);
    const ids = (await t.db.select({ id: requests.id }).from(requests).where(eq(requests.customerId, idA))).map(
      (r) => r.id,
    );
    const first = entries[0];
    expect(first).toMatchObject({ actorType: "customer", actorId: idA, customerId: idA });
    const detail = JSON.parse(first?.detail ?? "{}") as { requestId: string; type: string };
    expect(detail.type).toBe("other");
    expect(ids).toContain(detail.requestId);
    expect(first?.detail).not.toContain("Kysymys");

    // The next day the customer may send again.
    await later(requestLimit.windowMs);
    expect((await t.postPortal("/api/portal/requests", { type: "other", text: "Uusi päivä" }, aino)).status).toBe(201);
  });
});

describe("per-customer limit on marketing changes", () => {
  it("limits withdrawals of objections to 30 an hour, never an objection", async () => {
    expect(t.env.LIMIT_MARKETING_WITHDRAWALS_PER_HOUR).toBe(30);
    await later(60 * 60 * 1000);
    for (let i = 0; i < t.env.LIMIT_MARKETING_WITHDRAWALS_PER_HOUR; i++) {
      expect((await putMarketing(aino, true)).status).toBe(200);
      expect((await putMarketing(aino, false)).status, `withdrawal ${i + 1}`).toBe(200);
    }
    expect((await putMarketing(aino, true)).status).toBe(200);
    const events = await eventsOf(idA);
    const refused = await putMarketing(aino, false);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "marketing_limit_reached" } });
    // Refused means unchanged: still objected, no proof row.
    expect(await eventsOf(idA)).toBe(events);
    const view = (await (await t.portal.request("/api/portal/marketing", { headers: { cookie: aino } })).json()) as {
      objections: Record<string, boolean>;
    };
    expect(view.objections.marketResearch).toBe(true);
    // Objecting still works, and so does "object to all".
    expect((await t.postPortal("/api/portal/marketing/object-all", {}, aino)).status).toBe(200);
    // An hour later withdrawing works again.
    await later(marketingWithdrawalLimit.windowMs);
    expect((await putMarketing(aino, false)).status).toBe(200);
  });
});
