import fs from "node:fs";
import path from "node:path";
import { connectedSystems, outbox, webhookEndpoints } from "../../apps/bff/src/db/schema.ts";
import { createPortalApp } from "../../apps/bff/src/portal-app.ts";
import { createOutbox } from "../../apps/bff/src/services/outbox/outbox.ts";
import { createWebhookHandler, postTo, signedRequest } from "../../apps/bff/src/services/outbox/webhook-delivery.ts";
import { newWebhookSecret } from "../../apps/bff/src/services/webhook-endpoints.ts";
import { defineBenchmark } from "../lib/benchmark.ts";
import { startChild } from "../lib/child.ts";
import { benchDeps, createDemoRegister, customerCookie } from "../lib/register.ts";
import { formatNumber, formatRatio, median, ratio } from "../lib/stats.ts";

/*
 * P9 (issue 13): (a) the outbox dispatcher's sustained deliveries per second — the real createOutbox with the real
 * webhook handler (endpoint lookup, address check, Standard Webhooks signature, a fresh connection to the checked
 * address, leases and results recorded as the dispatcher records them, without waiting for the disk) — against a bare loop of signed POSTs
 * (the same signature and the same postTo, no database) at the same concurrency, to the same receiver in a process of
 * its own; (b) the server time of a portal marketing change with one webhook endpoint subscribed to
 * `customer.marketing_objections_changed` against none (the outbox row written in the request's transaction).
 */

const DELIVERIES = Number(process.env.P9_DELIVERIES ?? 3_000);
const SMOKE_DELIVERIES = 100;
const REQUESTS = Number(process.env.P9_REQUESTS ?? 400);
const SMOKE_REQUESTS = 20;
/** The dispatcher's pass takes this many rows (createOutbox's default batch), all in flight at once. */
const CONCURRENCY = 50;
const GOAL_DISPATCH = 0.7;
const GOAL_REQUEST = 1.1;
const PORTAL_ORIGIN = "http://localhost:3000";
const CUSTOMER = "c0000100";
const payload = (n: number) => ({
  type: "customer.marketing_objections_changed",
  timestamp: new Date().toISOString(),
  data: {
    customer: { id: `c${String(n).padStart(7, "0")}`, externalId: null },
    objections: [{ purpose: "directMarketing", objected: true }],
  },
});

/** Adds an endpoint to the register in `dir`, subscribed to marketing objections, pointing at the receiver. */
async function addEndpoint(dir: string, port: number, secret: string) {
  const deps = await benchDeps(dir);
  try {
    const systemId = "benchsystem";
    // Plain inserts: the admin's registration path is tested in the BFF's tests, not timed here.
    await deps.db.insert(connectedSystems).values({
      id: systemId,
      name: "Bench newsletter",
      noticePartyKind: "recipient",
      noticePartyId: "financialAdministrationPartner",
      createdAt: Date.now(),
    });
    await deps.db.insert(webhookEndpoints).values({
      id: "benchendpoint",
      systemId,
      url: `http://127.0.0.1:${port}/hooks`,
      eventTypes: JSON.stringify(["customer.marketing_objections_changed"]),
      categories: JSON.stringify(["email"]),
      secret,
      enabled: true,
      createdAt: Date.now(),
    });
  } finally {
    await deps.db.close();
  }
}

/** (a) The dispatcher: N rows enqueued (not timed), then deliverDue() passes until none is left. Deliveries/s. */
async function dispatcherRate(dir: string, count: number): Promise<number> {
  const deps = await benchDeps(dir);
  try {
    // The bench package does not depend on drizzle-orm: the register has this one endpoint.
    const endpoint = await deps.db.select().from(webhookEndpoints).get();
    if (!endpoint) throw new Error("no bench endpoint");
    const handler = createWebhookHandler({ db: deps.db, env: deps.env });
    // Rows written by a stopped outbox are not handed over after commit: the timed part is the dispatcher alone.
    const writer = createOutbox({
      db: deps.db,
      now: Date.now,
      handlers: { mail: handler, webhook: handler },
      maxAttempts: 12,
      leaseMs: 0,
    });
    await writer.stop();
    for (let i = 0; i < count; i += 500) {
      await deps.db.transaction(async (tx) => {
        for (let n = i; n < Math.min(count, i + 500); n++)
          await writer.enqueue(tx, {
            kind: "webhook",
            topic: "customer.marketing_objections_changed",
            body: payload(n),
            customerId: `c${String(n).padStart(7, "0")}`,
            endpointId: endpoint.id,
          });
      });
    }
    const dispatcher = createOutbox({
      db: deps.db,
      now: Date.now,
      handlers: { mail: handler, webhook: handler },
      maxAttempts: 12,
      batchSize: CONCURRENCY,
    });
    const started = performance.now();
    let tried = 0;
    for (;;) {
      const n = await dispatcher.deliverDue();
      if (n === 0) break;
      tried += n;
    }
    const seconds = (performance.now() - started) / 1000;
    if (tried !== count) throw new Error(`the dispatcher tried ${tried} of ${count} rows`);
    const delivered = (await deps.db.select({ status: outbox.status }).from(outbox).all()).filter(
      (r) => r.status === "delivered",
    ).length;
    if (delivered !== count) throw new Error(`${delivered} of ${count} rows were delivered`);
    return count / seconds;
  } finally {
    await deps.db.close();
  }
}

/** (a)'s baseline: the same signed POSTs (signature and postTo as the handler makes them) from a pool of workers. */
async function bareRate(port: number, secret: string, count: number): Promise<number> {
  const url = new URL(`http://127.0.0.1:${port}/hooks`);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const n = next++;
        const request = signedRequest({ id: `msg_bare_${n}`, body: payload(n) }, secret, new Date());
        const outcome = await postTo(url, "127.0.0.1", request, 10_000);
        if (!outcome.ok) throw new Error(`bare POST failed: ${outcome.reason}`);
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/**
 * (b) The median server time (ms) of a portal marketing change, in process, alternating object / withdraw, on two
 * registers at once — one with the subscribed endpoint, one without — one request each in turn, so both sides see
 * the same machine load (a shared 2-core machine's load moves more between two sequential halves than P9 does).
 */
async function requestTimes(withDir: string, withoutDir: string, count: number): Promise<[number, number]> {
  const sides = await Promise.all(
    [withDir, withoutDir].map(async (dir) => {
      const deps = await benchDeps(dir, { LIMIT_MARKETING_WITHDRAWALS_PER_HOUR: "1000000000" });
      // The goal is what writing the outbox rows adds to the request (fan-out, payload, Art. 19 planning, the row):
      // delivery happens after the answer and is (a)'s measure, so here the outbox only writes. Otherwise each
      // request on the "with" side would also pay for the previous one's POST and its record on the same cores.
      await deps.outbox.stop();
      return { deps, app: createPortalApp(deps), cookie: await customerCookie(dir, CUSTOMER), times: [] as number[] };
    }),
  );
  try {
    for (let i = 0; i < count; i++) {
      for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
        const started = performance.now();
        const res = await side.app.request("/api/portal/marketing", {
          method: "PUT",
          headers: { cookie: side.cookie, origin: PORTAL_ORIGIN, "content-type": "application/json" },
          body: JSON.stringify({ changes: [{ purpose: "directMarketing", objected: i % 2 === 0 }] }),
        });
        await res.arrayBuffer();
        side.times.push(performance.now() - started);
        if (res.status !== 200) throw new Error(`marketing change answered ${res.status}`);
      }
    }
  } finally {
    for (const side of sides) {
      await side.deps.outbox.stop();
      await side.deps.db.close();
    }
  }
  // The first requests warm the code up: leave out a tenth.
  const [withSide, withoutSide] = sides.map((side) => median(side.times.slice(Math.floor(count / 10))));
  return [withSide ?? 0, withoutSide ?? 0];
}

export const benchmark = defineBenchmark({
  id: "P9",
  title: `Outbox dispatch of ${formatNumber(DELIVERIES)} signed webhooks to a local receiver (createOutbox + the webhook handler, ${CONCURRENCY} in flight); a portal marketing change with one webhook endpoint subscribed`,
  baselineTitle: `a bare loop of the same signed POSTs (${CONCURRENCY} in flight, no database); the same change with no endpoint`,
  goal: `≥ ${GOAL_DISPATCH}× the deliveries per second; ≤ ${GOAL_REQUEST}× the request's server time`,
  async run({ smoke, runs, tmpDir, log }) {
    const deliveries = smoke ? SMOKE_DELIVERIES : DELIVERIES;
    const requests = smoke ? SMOKE_REQUESTS : REQUESTS;
    const secret = newWebhookSecret();
    const receiver = await startChild<{ port: number }>("p9-outbox/receiver.ts", { args: [secret] });
    const { port } = receiver.ready;
    const dispatchRates: number[] = [];
    const bareRates: number[] = [];
    const withTimes: number[] = [];
    const withoutTimes: number[] = [];
    try {
      for (let run = 0; run < runs; run++) {
        const withDir = path.join(tmpDir, `with-${run}`);
        const withoutDir = path.join(tmpDir, `without-${run}`);
        fs.mkdirSync(withDir);
        fs.mkdirSync(withoutDir);
        await createDemoRegister(withDir);
        await createDemoRegister(withoutDir);
        await addEndpoint(withDir, port, secret);

        await receiver.ask("clear");
        bareRates.push(await bareRate(port, secret, deliveries));
        dispatchRates.push(await dispatcherRate(withDir, deliveries));
        const counts = await receiver.ask<{ received: number; distinct: number; failedVerification: number }>("counts");
        if (counts.received !== 2 * deliveries || counts.failedVerification > 0)
          throw new Error(`the receiver got ${JSON.stringify(counts)} for ${deliveries} deliveries a side`);

        const [withMs, withoutMs] = await requestTimes(withDir, withoutDir, requests);
        withTimes.push(withMs);
        withoutTimes.push(withoutMs);
        log(
          `run ${run + 1}: dispatcher ${formatNumber(dispatchRates.at(-1) ?? 0)}/s, bare ${formatNumber(bareRates.at(-1) ?? 0)}/s; ` +
            `change ${(withTimes.at(-1) ?? 0).toFixed(2)} ms with an endpoint, ${(withoutTimes.at(-1) ?? 0).toFixed(2)} ms without`,
        );
      }
    } finally {
      await receiver.stop();
    }
    const dispatch = median(dispatchRates);
    const bare = median(bareRates);
    const withMs = median(withTimes);
    const withoutMs = median(withoutTimes);
    const dispatchRatio = ratio(dispatch, bare);
    const requestRatio = ratio(withMs, withoutMs);
    return {
      measured: `${formatNumber(dispatch)} deliveries/s; marketing change ${withMs.toFixed(2)} ms with an endpoint`,
      baseline: `${formatNumber(bare)} POSTs/s; ${withoutMs.toFixed(2)} ms without`,
      ratio: `${formatRatio(dispatchRatio)} deliveries/s; ${formatRatio(requestRatio)} server time`,
      met: dispatchRatio >= GOAL_DISPATCH && requestRatio <= GOAL_REQUEST,
    };
  },
});
