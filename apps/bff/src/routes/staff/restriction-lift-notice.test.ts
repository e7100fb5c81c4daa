import type { RequestView } from "@tietoni/domain";
import { and, asc, eq, gt, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, outbox, requestEvents, restrictions } from "../../db/schema.ts";
import { createDeps, type Deps } from "../../deps.ts";
import { createStaffApp } from "../../staff-app.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

/*
 * Issue 13 E (Art. 18(3)): a restriction is lifted only after the customer's notice was delivered — a queued mail has
 * told no one — or, when the mail failed or cannot be sent, after staff record another way they told the customer.
 * The portal shows when the customer was told and when it was lifted. The staff app runs on deps of its own whose
 * mailer can hold a mail (in flight) or refuse it (550).
 */

let t: TestContext;
let agent: string;
let deps: Deps;
let staff: ReturnType<typeof createStaffApp>;
let mode: "accept" | "hold" | "refuse" = "accept";
let release: () => void = () => undefined;

beforeAll(async () => {
  t = await createTestContext();
  deps = createDeps({
    db: t.db,
    env: t.env,
    now: t.now,
    mailer: {
      async send() {
        if (mode === "refuse") throw Object.assign(new Error("x"), { responseCode: 550 });
        if (mode === "hold") await new Promise<void>((resolve) => (release = resolve));
      },
    },
  });
  staff = createStaffApp(deps);
  agent = await t.signInStaff("agent", "agent-demo-pass");
});
afterAll(async () => {
  release();
  await deps.outbox.stop();
  await t.close();
});

const post = async (url: string, body: unknown = {}) => {
  const res = await staff.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie: agent },
    body: JSON.stringify(body),
  });
  return res;
};
const base = "/api/staff/operations/restriction";
const lift = (id: string) => post(`${base}/${id}/lift`, { reason: "legalClaimConcluded" });
const toldOtherwise = (id: string, method: unknown = "phone") => post(`${base}/${id}/told-otherwise`, { method });
const restrictionRow = (id: string) => t.db.select().from(restrictions).where(eq(restrictions.id, id)).get();

let used = 0;
async function restrictedCustomer() {
  const rows = await t.db
    .select()
    .from(customers)
    .where(and(isNotNull(customers.email), gt(customers.id, "c0000200")))
    .orderBy(asc(customers.id));
  const c = rows[used++];
  if (!c?.email) throw new Error("out of demo customers");
  const cookie = await t.signInCustomer(c.email);
  const res = await t.postPortal("/api/portal/requests", { type: "restriction", ground: "legalClaim" }, cookie);
  expect(res.status).toBe(201);
  const request = ((await res.json()) as { request: RequestView }).request;
  expect((await post(`${base}/${request.id}/apply`)).status).toBe(201);
  await deps.outbox.idle();
  const r = await t.db.select().from(restrictions).where(eq(restrictions.requestId, request.id)).get();
  if (!r) throw new Error("no restriction");
  return { c, cookie, r };
}

type StaffView = {
  restriction: {
    liftNotice: {
      delivery: string;
      told: boolean;
      mayRecordToldOtherwise: boolean;
      lastError: string | null;
      toldOtherwise: { at: string; method: string } | null;
    };
  } | null;
};
const staffView = async (customerId: string) =>
  (await (await staff.request(`${base}/customer/${customerId}`, { headers: { cookie: agent } })).json()) as StaffView;

type PortalPage = {
  restriction: { liftNoticeToldAt: string | null } | null;
  endedRestrictions: { liftNoticeToldAt: string | null; liftedAt: string; liftReason: string }[];
};
const portalPage = async (cookie: string) =>
  (await (await t.portal.request("/api/portal/requests", { headers: { cookie } })).json()) as PortalPage;

describe("lifting after the notice was delivered", () => {
  it("is refused while the notice is on its way, and allowed once it was delivered", async () => {
    const { c, cookie, r } = await restrictedCustomer();
    mode = "hold";
    expect((await post(`${base}/${r.id}/notify-lift`)).status).toBe(200);
    const notice = await restrictionRow(r.id);
    expect(notice?.liftNoticeOutboxId).toMatch(/^msg_/);
    expect((await staffView(c.id)).restriction?.liftNotice).toMatchObject({
      delivery: "pending",
      told: false,
      mayRecordToldOtherwise: false,
    });

    const refused = await lift(r.id);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "lift_notice_not_delivered" } });
    // Nor may staff claim they told the customer another way while the mail is still being delivered.
    const early = await toldOtherwise(r.id);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: "lift_told_otherwise_not_allowed" } });
    expect(await restrictionRow(r.id)).toMatchObject({ liftedAt: null, liftToldOtherwiseAt: null });
    expect((await portalPage(cookie)).restriction?.liftNoticeToldAt).toBeNull();

    mode = "accept";
    release();
    await deps.outbox.idle();
    const delivered = await t.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, notice?.liftNoticeOutboxId ?? ""))
      .get();
    expect(delivered?.status).toBe("delivered");
    expect((await staffView(c.id)).restriction?.liftNotice).toMatchObject({ delivery: "delivered", told: true });
    expect((await portalPage(cookie)).restriction?.liftNoticeToldAt).toBe(new Date(t.now()).toISOString());

    expect((await lift(r.id)).status).toBe(200);
    const page = await portalPage(cookie);
    expect(page.restriction).toBeNull();
    expect(page.endedRestrictions[0]).toMatchObject({
      liftNoticeToldAt: expect.any(String),
      liftedAt: expect.any(String),
      liftReason: "legalClaimConcluded",
    });
  });

  it("counts a notice from before the outbox (no row) as delivered", async () => {
    const { r } = await restrictedCustomer();
    await t.db.update(restrictions).set({ liftNoticeAt: t.now() }).where(eq(restrictions.id, r.id));
    expect((await lift(r.id)).status).toBe(200);
  });
});

describe("telling the customer another way", () => {
  it("is recorded when the notice is dead (550), shows in the history and the trail, and lets the lift go ahead", async () => {
    const { c, cookie, r } = await restrictedCustomer();
    mode = "refuse";
    try {
      expect((await post(`${base}/${r.id}/notify-lift`)).status).toBe(200);
      await deps.outbox.idle();
    } finally {
      mode = "accept";
    }
    expect((await staffView(c.id)).restriction?.liftNotice).toMatchObject({
      delivery: "dead",
      told: false,
      mayRecordToldOtherwise: true,
      lastError: "smtp 550",
    });
    expect((await lift(r.id)).status).toBe(409);

    for (const body of [{}, { method: "" }, { method: "pigeon" }]) {
      const bad = await post(`${base}/${r.id}/told-otherwise`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: "lift_told_otherwise_method_required" } });
    }
    const seq = await t.lastAuditSeq();
    const res = await toldOtherwise(r.id, "letter");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      restriction: { liftNotice: { told: true, toldOtherwise: { method: "letter" } } },
    });
    expect(await restrictionRow(r.id)).toMatchObject({
      liftToldOtherwiseAt: t.now(),
      liftToldOtherwiseBy: "staff-agent",
      liftToldOtherwiseMethod: "letter",
    });
    const [entry] = await t.auditSince(seq);
    expect(entry).toMatchObject({ action: "restriction.lift_told_otherwise", customerId: c.id });
    expect(JSON.parse(entry?.detail ?? "{}")).toMatchObject({ restrictionId: r.id, method: "letter" });
    const events = await t.db
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.requestId, r.requestId ?? ""));
    expect(events.map((e) => [e.event, e.note])).toContainEqual(["liftToldOtherwise", "letter"]);
    // Once is enough.
    expect((await toldOtherwise(r.id, "phone")).status).toBe(409);
    expect((await portalPage(cookie)).restriction?.liftNoticeToldAt).toBe(new Date(t.now()).toISOString());

    expect((await lift(r.id)).status).toBe(200);
  });

  it("is the notice for a customer without an e-mail address", async () => {
    const { c, r } = await restrictedCustomer();
    await t.db.update(customers).set({ email: null }).where(eq(customers.id, c.id));
    expect((await post(`${base}/${r.id}/notify-lift`)).status).toBe(409);
    expect((await staffView(c.id)).restriction?.liftNotice).toMatchObject({
      delivery: "none",
      mayRecordToldOtherwise: true,
    });
    expect((await toldOtherwise(r.id, "in_person")).status).toBe(200);
    expect(await restrictionRow(r.id)).toMatchObject({ liftNoticeAt: t.now(), liftToldOtherwiseMethod: "in_person" });
    expect((await lift(r.id)).status).toBe(200);
  });
});
