import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { marketingPurposes } from "@tietoni/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCodeForStep, totpStep } from "../auth/totp.ts";
import type { Db } from "../db/port.ts";
import { openPostgres } from "../db/postgres/open.ts";
import { DEMO_AGENT_TOTP_SECRET, DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { verifyAuditChain } from "../services/audit.ts";
import { createWebhookEndpoint } from "../services/webhook-endpoints.ts";
import { freePort } from "../test/ports.ts";
import { createTestPostgresDatabase, NO_POSTGRES_SERVER, postgresServer, testEngine } from "../test/test-database.ts";

/*
 * Issue 16 — several stateless BFF instances on one PostgreSQL. Three built servers (as production runs them,
 * `node dist/server.mjs`) start at once on one empty database, behind a round-robin proxy per surface written here
 * (node:http, as a load balancer would stand in front of them). A session made on one is honoured on the others and
 * refused on all once ended on a third; each mail the outbox holds is delivered once although three dispatchers poll
 * it; concurrent audited staff reads land on one chain that verifies; an instance killed (SIGKILL) in the middle of
 * acknowledged writes loses none of them. Runs in the `bff-pg` project, on a PostgreSQL server.
 */

const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const INSTANCES = 3;

const reason =
  testEngine !== "postgres"
    ? "skipped: several instances share one PostgreSQL register; this runs in the bff-pg project"
    : NO_POSTGRES_SERVER;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Instance = { child: ChildProcess; portal: number; staff: number; log: string; exited: Promise<void> };

/**
 * The load balancer: each request to the next instance in turn. An instance that fails a request is taken out of
 * the rotation, and that request answers 502 — never retried elsewhere, since it may have been carried out.
 */
function roundRobin(upstreams: () => number[]) {
  const down = new Set<number>();
  let next = 0;
  const server = http.createServer((req, res) => {
    const live = upstreams().filter((p) => !down.has(p));
    const port = live[next++ % live.length];
    if (port === undefined) {
      res.writeHead(503).end();
      return;
    }
    const upstream = http.request(
      { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      down.add(port);
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return {
    server,
    listen: (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve())),
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-multi-"));
const buildDir = path.join(bffDir, "var", `test-build-multi-${process.pid}`);
const mailDir = path.join(tmp, "mail");
const instances: Instance[] = [];
const proxies: ReturnType<typeof roundRobin>[] = [];
let url = "";
let db: Db;
let portal = { base: "", origin: "" };
let staff = { base: "", origin: "" };

async function call(
  target: { base: string; origin: string },
  method: string,
  pathname: string,
  opts: { body?: unknown; cookie?: string; ip?: string } = {},
) {
  const headers: Record<string, string> = { origin: target.origin };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.ip) headers["x-forwarded-for"] = opts.ip;
  return fetch(`${target.base}${pathname}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(15_000),
  });
}

/** One instance's own listener, by-passing the proxy (the origin is still the proxy's, as the browser's would be). */
const direct = (i: number, surface: "portal" | "staff") => ({
  base: `http://127.0.0.1:${instances[i]?.[surface]}`,
  origin: surface === "portal" ? portal.origin : staff.origin,
});

const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

async function signInCustomer() {
  const seen = new Set(fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []);
  expect(
    (await call(portal, "POST", "/api/portal/auth/request-code", { body: { email: DEMO_CUSTOMER_EMAIL } })).status,
  ).toBe(202);
  let code: string | undefined;
  for (const deadline = Date.now() + 20_000; !code && Date.now() < deadline; await sleep(50)) {
    const fresh = (fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []).filter(
      (f) => f.endsWith(".eml") && !seen.has(f) && f.includes(DEMO_CUSTOMER_EMAIL),
    );
    for (const f of fresh) {
      const body = fs.readFileSync(path.join(mailDir, f), "utf8").replace(/=\r?\n/g, "");
      const match = /\s(\d{4}) (\d{4})\./.exec(body);
      if (match) code = `${match[1]}${match[2]}`;
    }
  }
  expect(code, "a sign-in code was mailed").toBeDefined();
  const res = await call(portal, "POST", "/api/portal/auth/verify-code", {
    body: { email: DEMO_CUSTOMER_EMAIL, code },
  });
  expect(res.status).toBe(200);
  return cookieOf(res);
}

async function signInAgent() {
  const totp = totpCodeForStep(DEMO_AGENT_TOTP_SECRET, totpStep(Date.now()));
  const res = await call(staff, "POST", "/api/staff/auth/sign-in", {
    body: { username: "agent", password: "agent-demo-pass", totp },
  });
  expect(res.status).toBe(200);
  return cookieOf(res);
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const [portalPort, staffPort] = [await freePort(), await freePort()];
  const log = path.join(tmp, `instance-${instances.length + 1}.log`);
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, [path.join(buildDir, "server.mjs")], {
    cwd: tmp,
    stdio: ["ignore", out, out],
    env: { ...env, PORTAL_PORT: String(portalPort), STAFF_PORT: String(staffPort) },
  });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const instance = { child, portal: portalPort, staff: staffPort, log, exited };
  instances.push(instance);
  return instance;
}

async function ready(instance: Instance) {
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(100)) {
    if (instance.child.exitCode !== null) break;
    const status = await fetch(`http://127.0.0.1:${instance.portal}/readyz`, { signal: AbortSignal.timeout(1_000) })
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return;
  }
  throw new Error(`instance not ready:\n${fs.readFileSync(instance.log, "utf8").slice(-4000)}`);
}

describe.skipIf(!postgresServer)(
  postgresServer ? "three BFF instances on one PostgreSQL, behind a round-robin proxy" : reason,
  () => {
    beforeAll(async () => {
      const build = (await import(pathToFileURL(path.join(bffDir, "build.mjs")).href)) as {
        buildBff(options: { outdir: string }): Promise<string[]>;
      };
      await build.buildBff({ outdir: buildDir });
      url = await createTestPostgresDatabase();
      const [portalProxy, staffProxy] = [await freePort(), await freePort()];
      portal = { base: `http://127.0.0.1:${portalProxy}`, origin: `http://127.0.0.1:${portalProxy}` };
      staff = { base: `http://127.0.0.1:${staffProxy}`, origin: `http://127.0.0.1:${staffProxy}` };
      const env = {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        TZ: "UTC",
        NODE_ENV: "development",
        DEMO: "true",
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: "4",
        // The proxy is the one hop in front; each audited read below is told apart by the address it forwards.
        TRUST_PROXY: "1",
        PORTAL_HOST: "127.0.0.1",
        STAFF_HOST: "127.0.0.1",
        PORTAL_ORIGIN: portal.origin,
        STAFF_ORIGIN: staff.origin,
        LIMIT_REQUESTS_PER_DAY: "1000000",
        LIMIT_MARKETING_WITHDRAWALS_PER_HOUR: "1000000",
        OUTBOX_POLL_SECONDS: "1",
        OUTBOX_LEASE_SECONDS: "5",
        RETENTION_SCHEDULE: "false",
        LOG_LEVEL: "warn",
        // Shared by the instances, as the deployment guide asks: one mail folder (the demo's mailer), one STATE_DIR.
        MAIL_DIR: mailDir,
        STATE_DIR: path.join(tmp, "state"),
        STATIC_DIR_PORTAL: path.join(tmp, "no-portal-build"),
        STATIC_DIR_STAFF: path.join(tmp, "no-staff-build"),
      };
      // All at once on the empty database: they migrate one after another and the demo is seeded once.
      const started = await Promise.all(Array.from({ length: INSTANCES }, () => startInstance(env)));
      await Promise.all(started.map(ready));
      for (const [proxy, surface] of [
        [roundRobin(() => instances.map((i) => i.portal)), portalProxy],
        [roundRobin(() => instances.map((i) => i.staff)), staffProxy],
      ] as const) {
        proxies.push(proxy);
        await proxy.listen(surface);
      }
      db = await openPostgres({ url, poolSize: 2, statementTimeoutMs: 60_000, idleInTransactionMs: 0, ssl: "disable" });
    }, 240_000);

    afterAll(async () => {
      for (const proxy of proxies) proxy.server.close();
      for (const instance of instances) instance.child.kill("SIGKILL");
      await Promise.all(instances.map((i) => Promise.race([i.exited, sleep(5_000)])));
      await db?.close();
      fs.rmSync(buildDir, { recursive: true, force: true });
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("started together on an empty database, seeded the demo once", async () => {
      const staffUsers = await db.rows<{ n: number }>(sql`SELECT count(*) AS n FROM staff_users`);
      expect(staffUsers[0]?.n).toBe(2);
      const demo = await db.rows<{ n: number }>(
        sql`SELECT count(*) AS n FROM customers WHERE email = ${DEMO_CUSTOMER_EMAIL}`,
      );
      expect(demo[0]?.n).toBe(1);
    });

    it("honours a session made through one instance on every other, and refuses it on all once ended on a third", async () => {
      const cookie = await signInCustomer();
      for (let i = 0; i < INSTANCES; i++)
        expect(
          (await call(direct(i, "portal"), "GET", "/api/portal/my-data", { cookie })).status,
          `instance ${i + 1}`,
        ).toBe(200);
      expect((await call(direct(2, "portal"), "POST", "/api/portal/auth/sign-out", { cookie })).status).toBe(200);
      // At once on the instance that ended it; within a second on every other (no cache may keep it longer).
      expect((await call(direct(2, "portal"), "GET", "/api/portal/auth/session", { cookie })).status).toBe(401);
      for (let i = 0; i < INSTANCES - 1; i++)
        await expect
          .poll(async () => (await call(direct(i, "portal"), "GET", "/api/portal/auth/session", { cookie })).status, {
            timeout: 1_000,
            interval: 50,
          })
          .toBe(401);
    });

    it("delivers each mail and each webhook the outbox holds once, with three dispatchers polling it", async () => {
      // A receiver of the company's own, registered as the demo's admin would, for the portal's marketing changes.
      const received = new Map<string, number>();
      const receiver = http.createServer((req, res) => {
        const id = String(req.headers["webhook-id"]);
        received.set(id, (received.get(id) ?? 0) + 1);
        req.resume().on("end", () => res.writeHead(204).end());
      });
      const receiverPort = await freePort();
      await new Promise<void>((resolve) => receiver.listen(receiverPort, "127.0.0.1", () => resolve()));
      try {
        const created = await createWebhookEndpoint(
          { db, now: Date.now },
          { id: "staff-admin", role: "admin", ip: null },
          {
            system: {
              kind: "new",
              name: "Uutiskirjetyökalu",
              party: { kind: "recipient", id: "financialAdministrationPartner" },
            },
            url: `http://127.0.0.1:${receiverPort}/hooks`,
            eventTypes: ["customer.marketing_objections_changed"],
            categories: ["email"],
          },
        );
        expect(created.ok).toBe(true);

        const cookie = await signInCustomer();
        const requests = await Promise.all(
          Array.from({ length: 24 }, (_, n) =>
            call(portal, "POST", "/api/portal/requests", { cookie, body: { type: "other", text: `Kysymys ${n}.` } }),
          ),
        );
        expect(requests.map((a) => a.status)).toEqual(requests.map(() => 201));
        // Each purpose objected to and back, one purpose per worker: 2 events each.
        const toggles = await Promise.all(
          marketingPurposes.map(async (purpose) => {
            const statuses: number[] = [];
            for (const objected of [true, false]) {
              const res = await call(portal, "PUT", "/api/portal/marketing", {
                cookie,
                body: { changes: [{ purpose, objected }] },
              });
              statuses.push(res.status);
            }
            return statuses;
          }),
        );
        expect(toggles.flat()).toEqual(toggles.flat().map(() => 200));

        await expect
          .poll(
            async () =>
              (
                await db.rows<{ n: number }>(
                  sql`SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'failing')`,
                )
              )[0]?.n,
            { timeout: 30_000, interval: 200 },
          )
          .toBe(0);
        const delivered = await db.rows<{ id: string; kind: string; topic: string }>(
          sql`SELECT id, kind, topic FROM outbox WHERE status = 'delivered'`,
        );
        expect(delivered.filter((r) => r.topic === "request_received")).toHaveLength(24);
        const webhooks = delivered.filter((r) => r.kind === "webhook");
        expect(webhooks).toHaveLength(2 * marketingPurposes.length);
        // Each webhook row reached the receiver once (its id is the webhook-id), and nothing else did.
        expect([...received.entries()].filter(([, n]) => n !== 1)).toEqual([]);
        expect(new Set(received.keys())).toEqual(new Set(webhooks.map((r) => r.id)));
        // The demo's file mailer writes one .eml per try, its Message-ID the row's id: one file for each row, no more.
        const files = new Map<string, number>();
        for (const f of fs.readdirSync(mailDir).filter((name) => name.endsWith(".eml"))) {
          const head = fs.readFileSync(path.join(mailDir, f), "utf8").split(/\r?\n\r?\n/, 1)[0] ?? "";
          const id = /^Message-ID:\s*<([^@>\s]+)@/im.exec(head)?.[1] ?? `no Message-ID in ${f}`;
          files.set(id, (files.get(id) ?? 0) + 1);
        }
        expect([...files.entries()].filter(([, n]) => n !== 1)).toEqual([]);
        expect(new Set(files.keys())).toEqual(new Set(delivered.filter((r) => r.kind === "mail").map((r) => r.id)));
      } finally {
        receiver.close();
      }
    }, 90_000);

    it("appends concurrent audited staff reads through all instances to one chain that verifies", async () => {
      const agent = await signInAgent();
      const [customer] = await db.rows<{ id: string }>(
        sql`SELECT id FROM customers WHERE email = ${DEMO_CUSTOMER_EMAIL}`,
      );
      const before = (await db.rows<{ seq: number }>(sql`SELECT max(seq) AS seq FROM audit_log`))[0]?.seq ?? 0;
      const reads = await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          call(staff, "GET", `/api/staff/customers/${customer?.id}`, { cookie: agent, ip: `198.51.100.${n + 1}` }),
        ),
      );
      expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
      const viewed = await db.rows<{ seq: number; ip: string }>(
        sql`SELECT seq, ip FROM audit_log WHERE action = 'customer.record.viewed' AND seq > ${before} ORDER BY seq`,
      );
      expect(new Set(viewed.map((v) => v.ip)).size).toBe(30);
      // One chain: every sequence number once, each entry linked to the one before (the verification checks the links).
      const seqs = await db.rows<{ seq: number }>(sql`SELECT seq FROM audit_log ORDER BY seq`);
      expect(seqs.map((s) => s.seq)).toEqual(seqs.map((_, i) => i + 1));
      const verdict = await verifyAuditChain(db);
      expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
    }, 60_000);

    it("loses no acknowledged write when an instance is killed (SIGKILL) in the middle of them", async () => {
      const cookie = await signInCustomer();
      const acknowledged: string[] = [];
      let refused = 0;
      let serial = 0;
      let stop = false;
      const worker = async (w: number) => {
        while (!stop) {
          const phone = `+35850${w}${String(++serial).padStart(6, "0")}`;
          const res = await call(portal, "PATCH", "/api/portal/contact", { cookie, body: { phone } }).catch(() => null);
          if (res?.status === 200) acknowledged.push(phone);
          else refused++;
          await res?.arrayBuffer();
        }
      };
      const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
      await sleep(1_000);
      const victim = instances[1] as Instance;
      const beforeKill = acknowledged.length;
      victim.child.kill("SIGKILL");
      await victim.exited;
      await sleep(1_500);
      stop = true;
      await load;
      // Writes went on through the other two after the kill.
      expect(beforeKill).toBeGreaterThan(0);
      expect(acknowledged.length).toBeGreaterThan(beforeKill);
      const stored = new Set(
        (await db.rows<{ v: string }>(sql`SELECT new_value AS v FROM field_changes WHERE field = 'phone'`)).map(
          (r) => r.v,
        ),
      );
      expect(acknowledged.filter((phone) => !stored.has(phone))).toEqual([]);
      // What the kill cut off answered 502 at the proxy, or never: a few at most, never a lost acknowledgement.
      expect(refused).toBeLessThan(acknowledged.length);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    }, 60_000);
  },
);
