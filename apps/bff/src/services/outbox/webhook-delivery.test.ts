import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedSystems, outbox, webhookEndpoints } from "../../db/schema.ts";
import { parseEnv } from "../../env.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";
import { createOutbox, type Outbox } from "./outbox.ts";
import { createWebhookHandler, outcomeOfStatus, type ResolveHost } from "./webhook-delivery.ts";

/*
 * Deliveries to a real receiver on loopback, verified with the Standard Webhooks reference library: what a company's
 * newsletter tool would run. The outbox here is the real one with the real handler; only DNS is stood in for, so a
 * made-up name can resolve to loopback or to 10.x.
 */

const SECRET = `whsec_${Buffer.from("a-test-secret-of-32-bytes-long!!").toString("base64")}`;

type Received = { headers: http.IncomingHttpHeaders; body: string; url: string };
let received: Received[] = [];
/** The receiver's answers, taken one per request; when empty it answers 204. */
let answers: ((res: http.ServerResponse) => void)[] = [];
let receiver: http.Server;
let port: number;

let t: TestContext;
let systemId: string;
let endpointIds = 0;

const fakeDns: Record<string, string[]> = {
  "hooks.test": ["127.0.0.1"],
  "inner.test": ["10.1.2.3"],
  "mixed.test": ["93.184.216.34", "10.9.9.9"],
};
const resolve: ResolveHost = async (host) => {
  const found = fakeDns[host];
  if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return found;
};

/** An outbox over the test's database whose webhook handler runs with this WEBHOOK_ALLOW. */
function outboxWith(allow: string, timeoutSeconds = 10): Outbox {
  const env = parseEnv({
    ...process.env,
    NODE_ENV: "test",
    WEBHOOK_ALLOW: allow,
    WEBHOOK_TIMEOUT_SECONDS: String(timeoutSeconds),
  });
  return createOutbox({
    db: t.db,
    now: t.now,
    maxAttempts: 5,
    handlers: {
      mail: async () => ({ ok: false, permanent: true, reason: "not in this test" }),
      webhook: createWebhookHandler({ db: t.db, env }, { resolve }),
    },
  });
}

async function endpoint(url: string, enabled = true) {
  const id = `we_test_${++endpointIds}`;
  await t.db.insert(webhookEndpoints).values({
    id,
    systemId,
    url,
    eventTypes: JSON.stringify(["customer.marketing_objections_changed"]),
    categories: JSON.stringify(["email"]),
    secret: SECRET,
    enabled,
    createdAt: t.now(),
  });
  return id;
}

const payload = {
  type: "customer.marketing_objections_changed",
  timestamp: "2026-11-25T10:00:00.000Z",
  data: { customer: { id: "c0000001", externalId: null }, objections: [] },
};

async function enqueue(box: Outbox, endpointId: string) {
  const id = await t.db.transaction((tx) =>
    box.enqueue(tx, {
      kind: "webhook",
      topic: "customer.marketing_objections_changed",
      body: payload,
      customerId: "c0000001",
      endpointId,
    }),
  );
  await box.idle();
  return id;
}

const row = async (id: string) => {
  const r = await t.db.select().from(outbox).where(eq(outbox.id, id)).get();
  if (!r) throw new Error("no row");
  return r;
};

beforeAll(async () => {
  t = await createTestContext();
  systemId = "sys_hooks_test";
  await t.db.insert(connectedSystems).values({
    id: systemId,
    name: "Newsletter tool",
    noticePartyKind: "recipient",
    noticePartyId: "financialAdministrationPartner",
    createdAt: t.now(),
  });
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body, url: req.url ?? "" });
      const answer = answers.shift();
      if (answer) answer(res);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((done) => receiver.close(done));
  await t.close();
});

const reset = () => {
  received = [];
  answers = [];
};

describe("a webhook delivery", () => {
  it("is signed so the Standard Webhooks reference library verifies it, with the row's id as webhook-id", async () => {
    reset();
    const box = outboxWith("127.0.0.0/8");
    const id = await enqueue(box, await endpoint(`http://127.0.0.1:${port}/hooks`));
    expect(received).toHaveLength(1);
    const [req] = received;
    if (!req) throw new Error("nothing received");
    expect(req.url).toBe("/hooks");
    expect(req.headers["webhook-id"]).toBe(id);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["user-agent"]).toBe("tietoni");
    expect(req.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(SECRET).verify(req.body, req.headers as Record<string, string>);
    expect(verified).toEqual(payload);
    // A wrong secret does not verify: the signature depends on it.
    const other = `whsec_${Buffer.from("another-secret-of-32-bytes-long!").toString("base64")}`;
    expect(() => new Webhook(other).verify(req.body, req.headers as Record<string, string>)).toThrow();
    const r = await row(id);
    expect(r.status).toBe("delivered");
    expect(r.body).toBeNull();
  });

  it("is retried after a 503 with the same webhook-id, and the retry verifies too", async () => {
    reset();
    answers.push((res) => res.writeHead(503).end("down for maintenance, customer c0000001"));
    const box = outboxWith("127.0.0.0/8");
    const id = await enqueue(box, await endpoint(`http://127.0.0.1:${port}/`));
    let r = await row(id);
    expect(r.status).toBe("failing");
    // The reason is the status, never what the receiver said.
    expect(r.lastError).toBe("http_503");
    t.advance(10 * 60_000);
    await box.deliverDue();
    r = await row(id);
    expect(r.status).toBe("delivered");
    expect(received.map((q) => q.headers["webhook-id"])).toEqual([id, id]);
    const second = received[1];
    if (!second) throw new Error("no retry");
    expect(new Webhook(SECRET).verify(second.body, second.headers as Record<string, string>)).toEqual(payload);
  });

  it("is dead at once on a 410", async () => {
    reset();
    answers.push((res) => res.writeHead(410).end());
    const box = outboxWith("127.0.0.0/8");
    const id = await enqueue(box, await endpoint(`http://127.0.0.1:${port}/`));
    const r = await row(id);
    expect(r.status).toBe("dead");
    expect(r.lastError).toBe("http_410");
    expect(r.body).toBeNull();
  });

  it("does not follow a redirect", async () => {
    reset();
    answers.push((res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end());
    const box = outboxWith("127.0.0.0/8");
    const id = await enqueue(box, await endpoint(`http://127.0.0.1:${port}/start`));
    expect(received.map((q) => q.url)).toEqual(["/start"]);
    const r = await row(id);
    expect(r.status).toBe("dead");
    expect(r.lastError).toMatch(/^redirect_not_followed/);
  });

  it("refuses a host resolving to loopback unless WEBHOOK_ALLOW lists it, and connects to the checked address", async () => {
    reset();
    const url = `http://hooks.test:${port}/by-name`;
    const refused = await enqueue(outboxWith(""), await endpoint(url));
    expect(received).toHaveLength(0);
    expect((await row(refused)).status).toBe("dead");
    expect((await row(refused)).lastError).toBe("host_not_allowed");

    // Allowed by name: the name never reaches real DNS (it does not exist there), so the connection went to the
    // address the check saw, with the URL's host in the Host header.
    const byName = await enqueue(outboxWith("hooks.test"), await endpoint(url));
    expect((await row(byName)).status).toBe("delivered");
    expect(received.map((q) => q.headers.host)).toEqual([`hooks.test:${port}`]);

    const byCidr = await enqueue(outboxWith("127.0.0.1/32"), await endpoint(url));
    expect((await row(byCidr)).status).toBe("delivered");
    expect(received).toHaveLength(2);
  });

  it("refuses a literal or resolved 10.x address, and a host with any non-public address", async () => {
    reset();
    const box = outboxWith("127.0.0.0/8,localhost");
    for (const url of ["http://10.0.0.5/", "http://inner.test/", "http://mixed.test/", "http://[fd00::1]/"]) {
      const id = await enqueue(box, await endpoint(url));
      expect((await row(id)).lastError, url).toBe("host_not_allowed");
      expect((await row(id)).status).toBe("dead");
    }
    // 169.254.169.254, the cloud metadata service, is link-local.
    const meta = await enqueue(box, await endpoint("http://169.254.169.254/latest/meta-data"));
    expect((await row(meta)).lastError).toBe("host_not_allowed");
    expect(received).toHaveLength(0);
  });

  it("fails for now (not dead) when the receiver does not answer in time", async () => {
    reset();
    answers.push(() => undefined); // never answers
    const box = outboxWith("127.0.0.0/8", 1);
    const id = await enqueue(box, await endpoint(`http://127.0.0.1:${port}/slow`));
    const r = await row(id);
    expect(r.status).toBe("failing");
    expect(r.lastError).toBe("timeout");
    expect(r.body).not.toBeNull();
  });

  it("fails for now when nothing listens, and permanently when the endpoint is disabled", async () => {
    reset();
    const closed = http.createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const box = outboxWith("127.0.0.0/8");
    const down = await enqueue(box, await endpoint(`http://127.0.0.1:${closedPort}/`));
    expect((await row(down)).status).toBe("failing");
    expect((await row(down)).lastError).toBe("ECONNREFUSED");

    const disabled = await enqueue(box, await endpoint(`http://127.0.0.1:${port}/`, false));
    expect((await row(disabled)).status).toBe("dead");
    expect((await row(disabled)).lastError).toBe("endpoint_disabled");
    expect(received).toHaveLength(0);
  });
});

describe("outcomeOfStatus", () => {
  it("maps statuses to delivered, try again, or give up", () => {
    expect(outcomeOfStatus(200)).toEqual({ ok: true });
    expect(outcomeOfStatus(299)).toEqual({ ok: true });
    for (const s of [408, 429, 500, 502, 503, 504])
      expect(outcomeOfStatus(s)).toEqual({ ok: false, permanent: false, reason: `http_${s}` });
    for (const s of [400, 401, 403, 404, 410, 413, 422])
      expect(outcomeOfStatus(s)).toEqual({ ok: false, permanent: true, reason: `http_${s}` });
    expect(outcomeOfStatus(301)).toMatchObject({ ok: false, permanent: true });
  });
});
