import type { RequestView } from "@tietoni/domain";
import { and, asc, eq, gt, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditSubjects, connectedSystems, customers, outbox, webhookEndpoints } from "../../db/schema.ts";
import { createDeps, type Deps } from "../../deps.ts";
import type { OutgoingMail } from "../../mail/mailer.ts";
import { messageIdDomainOf } from "../../notice/notice.ts";
import type { Delivery } from "../../services/outbox/outbox.ts";
import { createStaffApp } from "../../staff-app.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

/*
 * Issue 13 A: the delivery log for admins (ids and metadata only), retry of a failing or dead row and replay of a
 * delivered one with the same id, and the desk's flag on a request whose required notice did not reach the customer.
 * The staff app here runs on deps of its own over the test's database, so its mailer can refuse on demand.
 */

let t: TestContext;
let admin: string;
let agent: string;
let deps: Deps;
let staff: ReturnType<typeof createStaffApp>;
const sent: OutgoingMail[] = [];
/** A reply code the mailer answers with, or null to accept the mail. */
let smtpRefusal: number | null = null;
const webhooks: Delivery[] = [];

beforeAll(async () => {
  t = await createTestContext();
  deps = createDeps({
    db: t.db,
    env: t.env,
    now: t.now,
    mailer: {
      async send(message) {
        if (smtpRefusal !== null) throw Object.assign(new Error("refused"), { responseCode: smtpRefusal });
        sent.push(message);
      },
    },
    webhook: async (delivery) => {
      webhooks.push(delivery);
      return { ok: true };
    },
  });
  staff = createStaffApp(deps);
  admin = await t.signInAdmin();
  agent = await t.signInStaff("agent", "agent-demo-pass");
});
afterAll(async () => {
  await deps.outbox.stop();
  await t.close();
});

const get = (url: string, cookie = admin) => staff.request(url, { headers: { cookie } });
const post = async (url: string, body: unknown = {}, cookie = admin) => {
  const res = await staff.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie },
    body: JSON.stringify(body),
  });
  await deps.outbox.idle();
  return res;
};

type Log = {
  deliveries: {
    id: string;
    kind: string;
    topic: string;
    topicLabel: { fi: string; en: string };
    status: string;
    attempts: number;
    lastError: string | null;
    systemName: string | null;
    requestId: string | null;
    customerId: string | null;
    action: string | null;
  }[];
  counts: Record<string, number>;
  page: { number: number; size: number; total: number };
};
const log = async (query = "") => {
  const res = await get(`/api/staff/deliveries${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Log;
};
const row = (id: string) => t.db.select().from(outbox).where(eq(outbox.id, id)).get();

let used = 0;
async function freshCustomer() {
  const rows = await t.db
    .select()
    .from(customers)
    .where(and(isNotNull(customers.email), gt(customers.id, "c0000300")))
    .orderBy(asc(customers.id));
  const c = rows[used++];
  if (!c?.email) throw new Error("out of demo customers");
  return { ...c, email: c.email, cookie: await t.signInCustomer(c.email) };
}

async function portalRequest(cookie: string): Promise<RequestView> {
  const res = await t.postPortal("/api/portal/requests", { type: "other", text: "Mihin tietojani käytetään?" }, cookie);
  expect(res.status).toBe(201);
  return ((await res.json()) as { request: RequestView }).request;
}

/** A request refused by staff while the mail server refuses the customer's address: its notice is dead. */
async function deadRefusal() {
  const c = await freshCustomer();
  const request = await portalRequest(c.cookie);
  smtpRefusal = 550;
  try {
    const res = await post(`/api/staff/requests/${request.id}/refuse`, {
      reasons: "Pyyntö on jo käsitelty aiemmin.",
    });
    expect(res.status).toBe(200);
  } finally {
    smtpRefusal = null;
  }
  const notice = await t.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.requestId, request.id), eq(outbox.topic, "request_refused")))
    .get();
  if (!notice) throw new Error("no refusal notice queued");
  return { c, request, notice };
}

describe("who may see the delivery log", () => {
  it("lets only an admin in: an agent gets 403, no session 401, on every route", async () => {
    const { notice } = await deadRefusal();
    for (const [method, url] of [
      ["GET", "/api/staff/deliveries"],
      ["POST", `/api/staff/deliveries/${notice.id}/retry`],
      ["POST", `/api/staff/deliveries/${notice.id}/replay`],
    ] as const) {
      const headers = { "content-type": "application/json", origin: STAFF_ORIGIN };
      const asAgent = await staff.request(url, { method, headers: { ...headers, cookie: agent } });
      expect(asAgent.status, url).toBe(403);
      expect((await staff.request(url, { method, headers })).status, url).toBe(401);
    }
    expect((await row(notice.id))?.status).toBe("dead");
  });
});

describe("the delivery log", () => {
  it("shows ids and metadata, never a body or an address, and audits the customers it named", async () => {
    const { c, request, notice } = await deadRefusal();
    const seq = await t.lastAuditSeq();
    const res = await get("/api/staff/deliveries?status=dead&kind=mail");
    const text = await res.text();
    expect(text).not.toContain(c.email);
    expect(text).not.toContain("Pyyntö on jo käsitelty");
    const body = JSON.parse(text) as Log;
    const shown = body.deliveries.find((d) => d.id === notice.id);
    expect(shown).toMatchObject({
      kind: "mail",
      topic: "request_refused",
      topicLabel: { en: "Refusal with reasons" },
      status: "dead",
      attempts: 1,
      lastError: "smtp 550",
      requestId: request.id,
      customerId: c.id,
      action: "retry",
    });
    expect(Object.keys(shown ?? {})).not.toContain("body");
    expect(body.deliveries.every((d) => d.status === "dead" && d.kind === "mail")).toBe(true);

    const [entry] = await t.auditSince(seq);
    expect(entry).toMatchObject({ action: "outbox.viewed", actorId: "staff-admin" });
    const subjects = await t.db
      .select()
      .from(auditSubjects)
      .where(eq(auditSubjects.seq, entry?.seq ?? 0));
    expect(subjects.map((s) => s.customerId)).toContain(c.id);
  });

  it("filters by status and kind, counts each status, and pages 50 at a time", async () => {
    const all = await log();
    const total = Object.values(all.counts).reduce((a, b) => a + b, 0);
    expect(all.page).toMatchObject({ number: 1, size: 50, total });
    const delivered = await log("?status=delivered");
    expect(delivered.deliveries.length).toBeGreaterThan(0);
    expect(delivered.deliveries.every((d) => d.status === "delivered")).toBe(true);
    expect(delivered.page.total).toBe(all.counts.delivered);

    // Enough rows for a second page.
    const at = t.now();
    await t.db.insert(outbox).values(
      Array.from({ length: 55 }, (_, i) => ({
        id: `msg_page${String(i).padStart(3, "0")}`,
        kind: "mail" as const,
        topic: "request_received",
        status: "delivered" as const,
        attempts: 1,
        nextAttemptAt: at,
        createdAt: at - 1000 * (i + 1),
        deliveredAt: at,
      })),
    );
    const first = await log("?status=delivered&kind=mail");
    const second = await log("?status=delivered&kind=mail&page=2");
    expect(first.deliveries).toHaveLength(50);
    expect(second.deliveries.length).toBe(first.page.total - 50);
    const ids = new Set([...first.deliveries, ...second.deliveries].map((d) => d.id));
    expect(ids.size).toBe(first.page.total);

    for (const query of ["?status=lost", "?kind=sms", "?page=0"]) {
      expect((await get(`/api/staff/deliveries${query}`)).status, query).toBe(400);
    }
  });
});

describe("retry and replay", () => {
  it("retries a dead refusal: rendered again, delivered with its Message-ID, audited, and the desk's flag goes", async () => {
    const { c, request, notice } = await deadRefusal();
    expect(await row(notice.id)).toMatchObject({ status: "dead", body: null, lastError: "smtp 550" });

    // The desk flags the request, in the queue and on its page.
    const queue = (await (
      await get(`/api/staff/requests?state=refused&q=${encodeURIComponent(c.lastName)}`)
    ).json()) as {
      requests: { id: string; noticeUndelivered: string | null }[];
    };
    expect(queue.requests.find((r) => r.id === request.id)?.noticeUndelivered).toBe("dead");
    const detail = async () =>
      ((await (await get(`/api/staff/requests/${request.id}`)).json()) as { undeliveredNotices: unknown[] })
        .undeliveredNotices;
    expect(await detail()).toEqual([
      expect.objectContaining({
        outboxId: notice.id,
        template: "request_refused",
        status: "dead",
        lastError: "smtp 550",
      }),
    ]);

    const seq = await t.lastAuditSeq();
    const res = await post(`/api/staff/deliveries/${notice.id}/retry`);
    expect(res.status).toBe(200);
    await deps.outbox.deliverDue();
    await deps.outbox.idle();
    expect(await row(notice.id)).toMatchObject({ status: "delivered", attempts: 1, body: null, lastError: null });
    const mail = sent.findLast((m) => m.to === c.email);
    // Rendered again in the customer's language (none recorded: the register's default, Finnish).
    expect(mail?.subject).toContain("evätty");
    expect(mail?.text).toContain("Pyyntö on jo käsitelty aiemmin.");
    expect(mail?.messageId).toBe(`<${notice.id}@${messageIdDomainOf(t.env)}>`);
    const entries = await t.auditSince(seq);
    expect(entries.map((e) => e.action)).toContain("outbox.retried");
    expect(entries.find((e) => e.action === "outbox.retried")).toMatchObject({ customerId: c.id });
    expect(await detail()).toEqual([]);
  });

  it("replays a delivered refusal with the same id; refuses a code mail, a pending row and the wrong step", async () => {
    const { c, notice } = await deadRefusal();
    await post(`/api/staff/deliveries/${notice.id}/retry`);
    await deps.outbox.deliverDue();
    await deps.outbox.idle();
    const before = sent.filter((m) => m.messageId === `<${notice.id}@${messageIdDomainOf(t.env)}>`).length;

    expect((await post(`/api/staff/deliveries/${notice.id}/retry`)).status).toBe(409);
    const replay = await post(`/api/staff/deliveries/${notice.id}/replay`);
    expect(replay.status).toBe(200);
    await deps.outbox.deliverDue();
    await deps.outbox.idle();
    expect(sent.filter((m) => m.messageId === `<${notice.id}@${messageIdDomainOf(t.env)}>`)).toHaveLength(before + 1);
    expect((await t.lastAudit())?.action).toBe("outbox.replayed");
    expect(await row(notice.id)).toMatchObject({ status: "delivered", body: null });

    // The sign-in code the customer got is never sent again, nor rebuilt.
    const code = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.customerId, c.id), eq(outbox.topic, "sign_in_code")))
      .get();
    expect(code?.status).toBe("delivered");
    const refused = await post(`/api/staff/deliveries/${code?.id}/replay`);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "delivery_not_replayable" } });

    const at = t.now();
    await t.db.insert(outbox).values({
      id: "msg_stillpending",
      kind: "mail",
      topic: "request_received",
      status: "pending",
      body: "{}",
      attempts: 0,
      nextAttemptAt: at + 60_000,
      createdAt: at,
    });
    for (const step of ["retry", "replay"]) {
      const res = await post(`/api/staff/deliveries/msg_stillpending/${step}`);
      expect(res.status, step).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "invalid_state" } });
    }
    expect((await post("/api/staff/deliveries/msg_nosuchrow/retry")).status).toBe(404);
    expect((await post("/api/staff/deliveries/not-an-id/retry")).status).toBe(400);
  });

  it("retries a failing webhook that still holds its body, with the same id, and names its system", async () => {
    const at = t.now();
    await t.db.insert(connectedSystems).values({
      id: "sysdeliv",
      name: "Laskutus (toimitusloki)",
      noticePartyKind: "recipient",
      noticePartyId: "financialAdministrationPartner",
      createdAt: at,
    });
    await t.db.insert(webhookEndpoints).values({
      id: "epdeliv",
      systemId: "sysdeliv",
      url: "http://127.0.0.1:9/hook",
      eventTypes: JSON.stringify(["customer.erased"]),
      categories: JSON.stringify([]),
      secret: "whsec_dGVzdA==",
      createdAt: at,
    });
    await t.db.insert(outbox).values({
      id: "msg_failinghook",
      kind: "webhook",
      topic: "customer.erased",
      status: "failing",
      body: JSON.stringify({ type: "customer.erased", data: { customerId: "c0000001" } }),
      endpointId: "epdeliv",
      customerId: "c0000001",
      attempts: 3,
      lastError: "http 503",
      nextAttemptAt: at + 3_600_000,
      createdAt: at,
    });
    const shown = (await log("?kind=webhook&status=failing")).deliveries.find((d) => d.id === "msg_failinghook");
    expect(shown).toMatchObject({
      systemName: "Laskutus (toimitusloki)",
      topicLabel: { en: "Erasure carried out" },
      attempts: 3,
      lastError: "http 503",
      action: "retry",
    });

    expect((await post("/api/staff/deliveries/msg_failinghook/retry")).status).toBe(200);
    await deps.outbox.deliverDue();
    await deps.outbox.idle();
    expect(webhooks.map((w) => w.id)).toContain("msg_failinghook");
    expect(await row("msg_failinghook")).toMatchObject({ status: "delivered", attempts: 1, body: null });
  });
});
