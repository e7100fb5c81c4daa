/*
 * Crash test: starts the real BFF on a temp SQLite file, drives acknowledged writes (marketing objection
 * toggles, phone corrections, staff record views that append audit entries, requests whose receipt is mailed),
 * kills it with SIGKILL at a random moment, restarts it and checks that every write answered 2xx is in the file,
 * the audit chain verifies and `PRAGMA integrity_check` says ok.
 *
 * The outbox (issue 13): after each restart the test waits until the restarted server's dispatcher has no pending
 * or failing row left, then checks that every acknowledged request has its receipt mail's row, delivered; that
 * every delivered mail row has an .eml file (the demo's file mailer) whose Message-ID is `<row-id@…>`; and that
 * every .eml file names a delivered row — a crash between sending and recording makes a duplicate, which must
 * repeat an id already delivered, never one the outbox does not know.
 *
 * The restore drill (issue 15 F, `--restore-drill`): after the rounds, a load of acknowledged writes runs while
 * `pnpm backup` copies the register; the server is stopped gracefully, `pnpm restore` puts the backup back and the
 * server starts on it. integrity_check must say ok, the audit chain must verify, and every write acknowledged before
 * the backup started must be in the restored register.
 *
 * Issue 16, `--database-url postgres://…/db`: the same rounds on PostgreSQL, in a new database made
 * on that server for the run (dropped at the end unless --keep); the register is read through a pool of its own, and
 * integrity is the server's (no file of ours to check). The restore drill is SQLite's: PostgreSQL is restored with
 * its own tools.
 *
 *   pnpm test:crash -- --rounds 10 [--seed 42] [--keep] [--restore-drill] [--database-url URL]
 *
 * Only 127.0.0.1 is contacted. Exits non-zero on any loss or check failure.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type MarketingPurpose, marketingPurposes } from "@tietoni/domain";
import { totpCodeForStep, totpStep } from "../../apps/bff/src/auth/totp.ts";
import { DEMO_AGENT_TOTP_SECRET } from "../../apps/bff/src/db/seed-demo.ts";
import { openRegisterReader, type RegisterLocation, scratchDatabase } from "../lib/register-reader.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bffDir = path.join(root, "apps/bff");

const CUSTOMER_EMAIL = "asiakas@example.com";
const AGENT = { username: "agent", password: "agent-demo-pass" };

const REQUEST_TIMEOUT_MS = 5_000;
const START_TIMEOUT_MS = 60_000;
const WORKERS = 6;

/* ---- options ---- */

function parseArgs(argv: string[]) {
  const opts = {
    rounds: 50,
    seed: Date.now() % 2 ** 31,
    keep: false,
    restoreDrill: false,
    databaseUrl: undefined as string | undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${arg} needs a non-negative integer`);
      return v;
    };
    if (arg === "--rounds") opts.rounds = Math.max(1, next());
    else if (arg === "--seed") opts.seed = next();
    else if (arg === "--keep") opts.keep = true;
    else if (arg === "--restore-drill") opts.restoreDrill = true;
    else if (arg === "--database-url") opts.databaseUrl = argv[++i];
    else if (arg === "--") continue;
    else
      throw new Error(
        `unknown argument ${arg} (use --rounds N, --seed N, --keep, --restore-drill, --database-url URL)`,
      );
  }
  if (opts.databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(opts.databaseUrl))
    throw new Error("--database-url needs a postgres:// URL");
  if (opts.databaseUrl && opts.restoreDrill)
    throw new Error("the restore drill restores a SQLite file; PostgreSQL is restored with its own tools");
  return opts;
}

/** mulberry32: a small seeded generator, so a failing run can be repeated with --seed. */
function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/* ---- the BFF child ---- */

type Server = { child: ChildProcess; exited: Promise<void>; log: string[] };

function startBff(env: NodeJS.ProcessEnv): Server {
  // Node itself, not a pnpm/tsx wrapper: SIGKILL must hit the process that holds the database.
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: bffDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited, log };
}

async function waitHealthy(server: Server, url: string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`BFF exited on start:\n${server.log.join("")}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  throw new Error(`BFF not healthy within ${START_TIMEOUT_MS} ms:\n${server.log.join("")}`);
}

async function kill(server: Server) {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
  await Promise.race([server.exited, sleep(5_000)]);
}

/* ---- HTTP ---- */

type Surface = { base: string; origin: string };

async function call(
  surface: Surface,
  method: string,
  url: string,
  opts: { body?: unknown; cookie?: string; ip?: string },
) {
  const headers: Record<string, string> = { origin: surface.origin };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.ip) headers["x-forwarded-for"] = opts.ip;
  return fetch(`${surface.base}${url}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}

function cookieOf(res: Response): string {
  const header = res.headers.get("set-cookie");
  if (!header) throw new Error(`no session cookie (status ${res.status})`);
  return header.split(";")[0] ?? "";
}

/** The newest sign-in code mailed to the demo customer, read from the file mailer's .eml files. */
async function codeFromMail(mailDir: string, after: Set<string>): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith(".eml")) : [];
    const fresh = files.filter((f) => !after.has(f) && f.includes(CUSTOMER_EMAIL)).sort();
    const newest = fresh.at(-1);
    if (newest) {
      // In the body, "1234 5678" (never in the subject, issue 11); the body may be quoted-printable.
      const body = fs.readFileSync(path.join(mailDir, newest), "utf8").replace(/=\r?\n/g, "");
      const match = body.match(/\s(\d{4}) (\d{4})\./);
      if (match?.[1] && match[2]) return match[1] + match[2];
    }
    await sleep(50);
  }
  throw new Error("no sign-in code was mailed");
}

async function signInCustomer(portal: Surface, mailDir: string) {
  const seen = new Set(fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []);
  const req = await call(portal, "POST", "/api/portal/auth/request-code", { body: { email: CUSTOMER_EMAIL } });
  if (req.status !== 202) throw new Error(`request-code: ${req.status}`);
  const code = await codeFromMail(mailDir, seen);
  const res = await call(portal, "POST", "/api/portal/auth/verify-code", { body: { email: CUSTOMER_EMAIL, code } });
  if (res.status !== 200) throw new Error(`verify-code: ${res.status}`);
  return cookieOf(res);
}

/** The last authenticator step the agent signed in with: a code works once (issue 11), so a new sign-in takes a later one. */
let agentLastStep = -1;

async function signInAgent(staff: Surface) {
  // The server accepts the step before, at and after now; past those, wait for the clock to reach a fresh one.
  let step = Math.max(totpStep(Date.now()), agentLastStep + 1);
  while (step > totpStep(Date.now()) + 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    step = Math.max(totpStep(Date.now()), agentLastStep + 1);
  }
  agentLastStep = step;
  const totp = totpCodeForStep(DEMO_AGENT_TOTP_SECRET, step);
  const res = await call(staff, "POST", "/api/staff/auth/sign-in", { body: { ...AGENT, totp } });
  if (res.status !== 200) throw new Error(`staff sign-in: ${res.status}`);
  return cookieOf(res);
}

/* ---- what was acknowledged ---- */

type Acked = {
  /** Requests answered 201: each must have its `request_received` mail delivered. */
  requests: string[];
  /** Marketing events by key `purpose|from|to|at`, counted (two toggles may share a millisecond). */
  toggles: Map<string, number>;
  phones: string[];
  /** Staff record views, each made unique by its forwarded address (TRUST_PROXY is on for the test). */
  viewIps: string[];
};

type History = { purpose: MarketingPurpose; from: boolean; to: boolean; at: string; channel: string }[];

/* ---- the run ---- */

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const random = seededRandom(opts.seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-crash-"));
  const dbFile = path.join(dir, "register.sqlite");
  // Issue 16: on PostgreSQL, a database of the run's own on the server the URL names.
  const scratch = opts.databaseUrl ? await scratchDatabase(opts.databaseUrl, "tietoni_crash") : null;
  const register: RegisterLocation = scratch ? { databaseUrl: scratch.url } : { databasePath: dbFile };
  const mailDir = path.join(dir, "mail");
  const [portalPort, staffPort] = [await freePort(), await freePort()];
  const portal: Surface = { base: `http://127.0.0.1:${portalPort}`, origin: `http://127.0.0.1:${portalPort}` };
  const staff: Surface = { base: `http://127.0.0.1:${staffPort}`, origin: `http://127.0.0.1:${staffPort}` };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: "UTC",
    NODE_ENV: "development",
    DEMO: "true",
    TRUST_PROXY: "true",
    // Each simulated customer toggles marketing far more often than the per-customer limit lets a person, and
    // sends far more requests.
    LIMIT_MARKETING_WITHDRAWALS_PER_HOUR: "1000000000",
    LIMIT_REQUESTS_PER_DAY: "1000000000",
    // A try lost in the crash is retried once its lease runs out: a short one keeps the rounds short. The file
    // mailer's try takes milliseconds, far below it.
    OUTBOX_LEASE_SECONDS: "2",
    OUTBOX_POLL_SECONDS: "1",
    PORTAL_HOST: "127.0.0.1",
    PORTAL_PORT: String(portalPort),
    STAFF_HOST: "127.0.0.1",
    STAFF_PORT: String(staffPort),
    PORTAL_ORIGIN: portal.origin,
    STAFF_ORIGIN: staff.origin,
    DATABASE_PATH: dbFile,
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    MAIL_DIR: mailDir,
    // The erasure journal and the instance lock (issue 15 F) beside the register, never the repository's var/state.
    STATE_DIR: path.join(dir, "state"),
    STATIC_DIR_PORTAL: path.join(dir, "no-portal-build"),
    STATIC_DIR_STAFF: path.join(dir, "no-staff-build"),
    // Issue 14: the daily retention run would anonymise the demo's due customer at the first start; the crash test's
    // checks assume the register changes only by its own writes.
    RETENTION_SCHEDULE: "false",
  };

  console.info(`[crash] seed ${opts.seed}, ${opts.rounds} rounds, register ${scratch ? "on PostgreSQL" : dbFile}`);
  let server: Server | null = null;
  const onExit = () => server?.child.kill("SIGKILL");
  process.on("exit", onExit);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      onExit();
      process.exit(130);
    });
  }

  const acked: Acked = { requests: [], toggles: new Map(), phones: [], viewIps: [] };
  const mails = new MailFiles(mailDir);
  const failures: string[] = [];
  let customerCookie = "";
  let agentCookie = "";
  let customerId = "";
  let serial = 0;
  let totalChecked = 0;
  let idleRounds = 0;
  let drillSummary = "";
  const started = Date.now();

  try {
    server = startBff(env);
    await waitHealthy(server, `${portal.base}/healthz`);
    for (let round = 1; round <= opts.rounds; round++) {
      if (!customerId) {
        const ro = openRegisterReader(register);
        const [row] = await ro.all<{ id: string }>("SELECT id FROM customers WHERE email = ?", CUSTOMER_EMAIL);
        await ro.close();
        customerId = row?.id ?? "";
      }
      // Sessions live in the database, so they outlive the crash; sign in again only if one was lost.
      const session = customerCookie
        ? await call(portal, "GET", "/api/portal/auth/session", { cookie: customerCookie })
        : null;
      if (session?.status !== 200) customerCookie = await signInCustomer(portal, mailDir);
      const me = agentCookie ? await call(staff, "GET", "/api/staff/auth/session", { cookie: agentCookie }) : null;
      if (me?.status !== 200) agentCookie = await signInAgent(staff);

      // Whatever the last crash left: an unacknowledged toggle may or may not have been committed.
      const current = await call(portal, "GET", "/api/portal/marketing", { cookie: customerCookie });
      if (current.status !== 200) throw new Error(`GET marketing: ${current.status}`);
      const state = ((await current.json()) as { objections: Record<MarketingPurpose, boolean> }).objections;

      // One request answered before the kill window opens, so every round has mail in the outbox to check even on
      // a machine too loaded to answer much inside the window.
      serial += 1;
      const opening = await call(portal, "POST", "/api/portal/requests", {
        cookie: customerCookie,
        body: { type: "other", text: `Kierroksen ${round} kysymys ${serial}.` },
      });
      if (opening.status !== 201) throw new Error(`POST request: ${opening.status}`);
      acked.requests.push(((await opening.json()) as { request: { id: string } }).request.id);

      const killAfter = 50 + Math.floor(random() * 351);
      let stop = false;
      let roundAcks = 0;
      const workerPlans = Array.from({ length: WORKERS }, (_, w) => ({ w, seed: Math.floor(random() * 2 ** 31) }));

      // Each worker owns purposes of its own, so it knows the state it toggles from.
      const worker = async ({ w, seed }: { w: number; seed: number }) => {
        const pick = seededRandom(seed);
        const mine = marketingPurposes.filter((_, i) => i % WORKERS === w);
        for (let i = 0; i < 10_000 && !stop; i++) {
          const op = pick();
          try {
            if (op < 0.3 && mine.length > 0) {
              const purpose = mine[Math.floor(pick() * mine.length)] as MarketingPurpose;
              const from = state[purpose];
              const res = await call(portal, "PUT", "/api/portal/marketing", {
                cookie: customerCookie,
                body: { changes: [{ purpose, objected: !from }] },
              });
              if (res.status !== 200) throw new Error(`PUT marketing: ${res.status}`);
              const body = (await res.json()) as { objections: Record<MarketingPurpose, boolean>; history: History };
              const event = body.history.find((e) => e.purpose === purpose);
              if (!event || event.from !== from || event.to !== !from || body.objections[purpose] !== !from) {
                throw new Error(`PUT marketing answered without the change of ${purpose}`);
              }
              const key = `${purpose}|${from}|${!from}|${Date.parse(event.at)}`;
              acked.toggles.set(key, (acked.toggles.get(key) ?? 0) + 1);
              state[purpose] = !from;
            } else if (op < 0.5) {
              serial += 1;
              const res = await call(portal, "POST", "/api/portal/requests", {
                cookie: customerCookie,
                body: { type: "other", text: `Kysymys numero ${serial}.` },
              });
              if (res.status !== 201) throw new Error(`POST request: ${res.status}`);
              const body = (await res.json()) as { request: { id: string } };
              acked.requests.push(body.request.id);
            } else if (op < 0.75) {
              serial += 1;
              const phone = `+35840${String(serial).padStart(7, "0")}`;
              const res = await call(portal, "PATCH", "/api/portal/contact", {
                cookie: customerCookie,
                body: { phone },
              });
              if (res.status !== 200) throw new Error(`PATCH contact: ${res.status}`);
              const body = (await res.json()) as { changed: string[] };
              if (!body.changed.includes("phone")) throw new Error("PATCH contact answered without a change");
              acked.phones.push(phone);
            } else {
              serial += 1;
              const ip = `10.${(serial >> 16) & 255}.${(serial >> 8) & 255}.${serial & 255}`;
              const res = await call(staff, "GET", `/api/staff/customers/${customerId}`, { cookie: agentCookie, ip });
              if (res.status !== 200) throw new Error(`GET staff customer: ${res.status}`);
              await res.arrayBuffer();
              acked.viewIps.push(ip);
            }
            roundAcks += 1;
          } catch (err) {
            // After the kill, refused and reset connections are expected; before it, any error is a failure.
            if (!stop) failures.push(`round ${round}: ${err instanceof Error ? err.message : String(err)}`);
            return;
          }
        }
      };

      const stream = Promise.all(workerPlans.map(worker));
      await sleep(killAfter);
      stop = true;
      await kill(server);
      await Promise.race([stream, sleep(REQUEST_TIMEOUT_MS + 1_000)]);
      // On a loaded machine a short round may end before its first answer; the run as a whole must not.
      if (roundAcks === 0) idleRounds += 1;

      // Restart (WAL recovery runs on open), then read the file ourselves, read-only. The restarted
      // process serves the next round.
      server = startBff(env);
      await waitHealthy(server, `${portal.base}/healthz`);
      totalChecked += await check(register, acked, failures, round);
      totalChecked += await checkOutbox(register, mails, acked, failures, round);

      if (round % 10 === 0 || round === opts.rounds) {
        const writes = acked.toggles.size + acked.phones.length + acked.viewIps.length + acked.requests.length;
        console.info(
          `[crash] round ${round}/${opts.rounds}: ${writes} acknowledged writes so far, kill at ${killAfter} ms`,
        );
      }
      if (failures.length > 0) break;
    }
    if (opts.restoreDrill && failures.length === 0) {
      const drill = await restoreDrill({ server, env, portal, staff, dir, dbFile, customerId, failures });
      server = drill.server;
      totalChecked += drill.checked;
      drillSummary = drill.summary;
    }
  } catch (err) {
    failures.push(err instanceof Error ? err.message : String(err));
  } finally {
    if (server) await kill(server);
    process.off("exit", onExit);
  }

  const toggles = [...acked.toggles.values()].reduce((a, b) => a + b, 0);
  const writes = toggles + acked.phones.length + acked.viewIps.length + acked.requests.length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (writes === 0) failures.push("no write was acknowledged in any round");
  if (failures.length > 0) {
    for (const f of failures.slice(0, 20)) console.error(`[crash] FAIL ${f}`);
    console.error(
      `[crash] FAILED after ${seconds} s (seed ${opts.seed}); register kept at ${scratch ? scratch.url : dbFile}`,
    );
    process.exit(1);
  }
  if (!opts.keep) {
    fs.rmSync(dir, { recursive: true, force: true });
    await scratch?.drop();
  }
  console.info(
    `[crash] OK: ${opts.rounds} rounds, ${writes} acknowledged writes (${toggles} objection changes, ` +
      `${acked.phones.length} corrections, ${acked.viewIps.length} audited views, ${acked.requests.length} requests), ` +
      `${totalChecked} checks, 0 lost, audit chain ${scratch ? "ok (on PostgreSQL)" : "and integrity ok"}, ` +
      `${idleRounds} rounds killed before a first answer, ` +
      `outbox: ${mails.summary()}, ${drillSummary}` +
      `${seconds} s (seed ${opts.seed})`,
  );
}

/** Every acknowledged write must be in the file; returns how many were checked. */
async function check(
  register: RegisterLocation,
  acked: Acked,
  failures: string[],
  round: number | string,
): Promise<number> {
  const reader = openRegisterReader(register);
  try {
    const integrity = await reader.integrity();
    if (integrity !== null && integrity !== "ok") failures.push(`round ${round}: integrity_check says ${integrity}`);

    const verdict = await reader.verifyChain();
    if (!verdict.ok) failures.push(`round ${round}: audit chain broken at seq ${verdict.firstBrokenSeq}`);

    const events = new Map<string, number>();
    const rows = await reader.all<{ purpose: string; f: number; t: number; at: number }>(
      "SELECT purpose, from_objected AS f, to_objected AS t, at FROM marketing_events WHERE channel = 'portal'",
    );
    for (const r of rows) {
      const key = `${r.purpose}|${r.f === 1}|${r.t === 1}|${r.at}`;
      events.set(key, (events.get(key) ?? 0) + 1);
    }
    for (const [key, n] of acked.toggles) {
      if ((events.get(key) ?? 0) < n) failures.push(`round ${round}: lost objection change ${key}`);
    }

    const phones = new Set(
      (await reader.all<{ v: string | null }>("SELECT new_value AS v FROM field_changes WHERE field = 'phone'")).map(
        (r) => r.v,
      ),
    );
    for (const p of acked.phones) if (!phones.has(p)) failures.push(`round ${round}: lost correction to ${p}`);

    const ips = new Set(
      (await reader.all<{ ip: string | null }>("SELECT ip FROM audit_log WHERE action = 'customer.record.viewed'")).map(
        (r) => r.ip,
      ),
    );
    for (const ip of acked.viewIps) if (!ips.has(ip)) failures.push(`round ${round}: lost audit entry of view ${ip}`);

    return acked.toggles.size + acked.phones.length + acked.viewIps.length + 2;
  } finally {
    await reader.close();
  }
}

/* ---- the outbox ---- */

const OUTBOX_DRAIN_TIMEOUT_MS = 30_000;

/** The .eml files the file mailer wrote, each read once: its Message-ID. */
class MailFiles {
  private readonly seen = new Map<string, string | null>();
  delivered = 0;
  constructor(private readonly dir: string) {}

  /** Message-ID → how many files carry it, and the files with none (there must be none). */
  scan(): { counts: Map<string, number>; without: string[] } {
    const files = fs.existsSync(this.dir) ? fs.readdirSync(this.dir).filter((f) => f.endsWith(".eml")) : [];
    for (const f of files) {
      if (this.seen.has(f)) continue;
      const head = fs.readFileSync(path.join(this.dir, f), "utf8").split(/\r?\n\r?\n/, 1)[0] ?? "";
      this.seen.set(f, /^Message-ID:\s*<([^@>\s]+)@[^>\s]+>/im.exec(head)?.[1] ?? null);
    }
    const counts = new Map<string, number>();
    const without: string[] = [];
    for (const [f, id] of this.seen) {
      if (id === null) without.push(f);
      else counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return { counts, without };
  }

  summary(): string {
    const { counts } = this.scan();
    const files = [...counts.values()].reduce((a, b) => a + b, 0);
    return `${this.delivered} mails delivered, ${files - counts.size} duplicates`;
  }
}

/**
 * Waits until the restarted server's dispatcher has tried everything (no pending or failing row: the rows whose try
 * the kill cut off come back when their lease runs out), then checks the mail against the outbox. Returns how many
 * things were checked.
 */
async function checkOutbox(
  register: RegisterLocation,
  mails: MailFiles,
  acked: Acked,
  failures: string[],
  round: number,
) {
  const deadline = Date.now() + OUTBOX_DRAIN_TIMEOUT_MS;
  type Row = {
    id: string;
    kind: string;
    topic: string;
    status: string;
    request_id: string | null;
    last_error: string | null;
  };
  let rows: Row[] = [];
  for (;;) {
    const reader = openRegisterReader(register);
    try {
      rows = await reader.all<Row>("SELECT id, kind, topic, status, request_id, last_error FROM outbox");
    } finally {
      await reader.close();
    }
    const open = rows.filter((r) => r.status === "pending" || r.status === "failing");
    if (open.length === 0) break;
    if (Date.now() > deadline) {
      failures.push(`round ${round}: ${open.length} outbox rows still undelivered after ${OUTBOX_DRAIN_TIMEOUT_MS} ms`);
      return 0;
    }
    await sleep(200);
  }
  const dead = rows.filter((r) => r.status === "dead");
  for (const r of dead.slice(0, 5))
    failures.push(`round ${round}: outbox row ${r.id} (${r.topic}) is dead: ${r.last_error}`);

  const byId = new Map(rows.map((r) => [r.id, r]));
  const receipts = new Map(
    rows.filter((r) => r.topic === "request_received" && r.request_id).map((r) => [r.request_id, r]),
  );
  for (const id of acked.requests) {
    const row = receipts.get(id);
    if (!row) failures.push(`round ${round}: acknowledged request ${id} has no receipt mail in the outbox`);
    else if (row.status !== "delivered") failures.push(`round ${round}: request ${id}'s receipt is ${row.status}`);
  }

  const { counts, without } = mails.scan();
  for (const f of without) failures.push(`round ${round}: mail file ${f} has no Message-ID`);
  const delivered = rows.filter((r) => r.kind === "mail" && r.status === "delivered");
  mails.delivered = delivered.length;
  for (const r of delivered) {
    if (!counts.has(r.id)) failures.push(`round ${round}: delivered mail ${r.id} (${r.topic}) has no .eml file`);
  }
  for (const id of counts.keys()) {
    const row = byId.get(id);
    if (!row) failures.push(`round ${round}: a mail file carries ${id}, an id the outbox does not know`);
    else if (row.status !== "delivered")
      failures.push(`round ${round}: a mail file carries ${id}, which is ${row.status}`);
  }
  return acked.requests.length + delivered.length + counts.size;
}

/* ---- the restore drill (issue 15 F) ---- */

/** A CLI of the BFF (`src/cli/<name>.ts`) run as the operator would, with the server's settings; its exit code. */
function runCli(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", `src/cli/${name}.ts`, ...args], {
      cwd: bffDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once("exit", (code) => resolve({ code, out }));
  });
}

async function restoreDrill(o: {
  server: Server;
  env: NodeJS.ProcessEnv;
  portal: Surface;
  staff: Surface;
  dir: string;
  dbFile: string;
  customerId: string;
  failures: string[];
}): Promise<{ server: Server; checked: number; summary: string }> {
  const { env, portal, staff, failures } = o;
  const customerCookie = await signInCustomer(portal, env.MAIL_DIR as string);
  const agentCookie = await signInAgent(staff);
  const acked: Acked = { requests: [], toggles: new Map(), phones: [], viewIps: [] };
  let stop = false;
  let serial = 9_000_000;
  // Corrections and audited staff views, each acknowledged write recorded as it is answered.
  const worker = async (w: number) => {
    while (!stop) {
      serial += 1;
      try {
        if (w % 2 === 0) {
          const phone = `+35850${String(serial).padStart(7, "0")}`;
          const res = await call(portal, "PATCH", "/api/portal/contact", { cookie: customerCookie, body: { phone } });
          if (res.status !== 200) throw new Error(`PATCH contact: ${res.status}`);
          await res.arrayBuffer();
          acked.phones.push(phone);
        } else {
          const ip = `10.${(serial >> 16) & 255}.${(serial >> 8) & 255}.${serial & 255}`;
          const res = await call(staff, "GET", `/api/staff/customers/${o.customerId}`, { cookie: agentCookie, ip });
          if (res.status !== 200) throw new Error(`GET staff customer: ${res.status}`);
          await res.arrayBuffer();
          acked.viewIps.push(ip);
        }
      } catch (err) {
        failures.push(`restore drill: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
    }
  };
  const load = Promise.all([0, 1, 2, 3].map(worker));
  await sleep(300);
  // What was acknowledged before the backup began must survive it; what came during or after may or may not.
  const before: Acked = { requests: [], toggles: new Map(), phones: [...acked.phones], viewIps: [...acked.viewIps] };
  const backups = path.join(o.dir, "backups");
  const backup = await runCli("backup", ["--to", backups], env);
  await sleep(200);
  stop = true;
  await load;
  if (backup.code !== 0) failures.push(`restore drill: pnpm backup exited ${backup.code}: ${backup.out}`);
  const during = acked.phones.length + acked.viewIps.length - before.phones.length - before.viewIps.length;

  // A graceful stop (issue 15 D), then the restore into the stopped instance.
  o.server.child.kill("SIGTERM");
  await Promise.race([o.server.exited, sleep(40_000)]);
  if (o.server.child.exitCode !== 0) failures.push(`restore drill: the server stopped with ${o.server.child.exitCode}`);
  const taken = fs.existsSync(backups) ? fs.readdirSync(backups).filter((d) => !d.startsWith(".")) : [];
  if (taken.length !== 1) failures.push(`restore drill: expected one backup, found ${taken.length}`);
  const restore = await runCli("restore", ["--from", path.join(backups, taken[0] ?? "missing")], env);
  if (restore.code !== 0) failures.push(`restore drill: pnpm restore exited ${restore.code}: ${restore.out}`);

  const server = startBff(env);
  await waitHealthy(server, `${portal.base}/healthz`);
  const checked = await check({ databasePath: o.dbFile }, before, failures, "restore drill");
  const summary =
    `restore drill: ${before.phones.length + before.viewIps.length} writes acknowledged before the backup all ` +
    `restored, ${during} more during and after it, `;
  return { server, checked, summary };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
