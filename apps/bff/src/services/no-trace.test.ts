import { type ChildProcess, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { totpCodeForStep, totpStep } from "../auth/totp.ts";
import { openDatabase } from "../db/client.ts";
import { customers } from "../db/schema.ts";
import { DEMO_AGENT_TOTP_SECRET, seedDemo } from "../db/seed-demo.ts";
import { createCustomer, uniqueLetters } from "../db/test-fixtures.ts";
import { hitsInFiles, sqliteFiles } from "../test/byte-scan.ts";
import { freePort } from "../test/ports.ts";

/*
 * THE SCAN (issue 14, item 3). The real BFF runs as a child process on a temp register and a temp mail folder, its
 * stdout and stderr written to a log file. A customer whose name, e-mail, phone, street and city are strings found
 * nowhere else signs in through the portal with the mailed code (from an IP address of their own), downloads their
 * data, asks for a correction whose reason repeats their name and address; staff search for them and refuse the
 * correction with reasons that name them again (a refusal mail goes out); the customer asks for erasure and staff
 * execute it. The test then reads the raw bytes of the .sqlite file, its -wal and -shm and the log file — while the
 * server still runs (once the log was cleared) and after it stopped cleanly — and expects no byte of any value. The
 * mail folder stands for the customer's own mail server and is out of scope. A second run holds a reader's snapshot
 * open through the erasure (another process, as a CLI run would): the frames stay until it ends, then the retry
 * clears them.
 */

const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Person = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  street: string;
  city: string;
};

/** The register before the server starts: the demo seed and one customer of unique values. */
async function prepareRegister(file: string): Promise<Person> {
  const db = await openDatabase(file);
  try {
    await seedDemo(db);
    const { id } = await createCustomer(db);
    const tag = uniqueLetters(10);
    const person = {
      id,
      firstName: `Zqf${tag}`,
      lastName: `Zql${tag}`,
      email: `zqe${tag}@example.test`,
      phone: `+35840${randomInt(1_000_000, 9_999_999)}`,
      street: `Zqstreet${tag} 7`,
      city: `Zqcity${tag}`,
    };
    const { firstName, lastName, email, phone, street, city } = person;
    await db.update(customers).set({ firstName, lastName, email, phone, street, city }).where(eq(customers.id, id));
    return person;
  } finally {
    await db.close();
  }
}

type Server = { child: ChildProcess; exited: Promise<void>; portal: string; staff: string; log: string };

async function startServer(dir: string, file: string): Promise<Server> {
  const [portalPort, staffPort] = [await freePort(), await freePort()];
  const portal = `http://127.0.0.1:${portalPort}`;
  const staff = `http://127.0.0.1:${staffPort}`;
  const log = path.join(dir, "server.log");
  const out = fs.openSync(log, "a");
  // Node itself, not a wrapper: SIGTERM must reach the process that holds the database, so it closes cleanly.
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: bffDir,
    stdio: ["ignore", out, out],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: "UTC",
      NODE_ENV: "development",
      DEMO: "true",
      TRUST_PROXY: "true",
      OUTBOX_POLL_SECONDS: "1",
      PORTAL_HOST: "127.0.0.1",
      PORTAL_PORT: String(portalPort),
      STAFF_HOST: "127.0.0.1",
      STAFF_PORT: String(staffPort),
      PORTAL_ORIGIN: portal,
      STAFF_ORIGIN: staff,
      DATABASE_PATH: file,
      MAIL_DIR: path.join(dir, "mail"),
      STATIC_DIR_PORTAL: path.join(dir, "no-portal-build"),
      STATIC_DIR_STAFF: path.join(dir, "no-staff-build"),
    },
  });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the BFF exited on start:\n${fs.readFileSync(log, "utf8")}`);
    try {
      if ((await fetch(`${portal}/healthz`, { signal: AbortSignal.timeout(1_000) })).status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the BFF did not start:\n${fs.readFileSync(log, "utf8")}`);
    await sleep(100);
  }
  return { child, exited, portal, staff, log };
}

async function stopServer(server: Server) {
  if (server.child.exitCode === null) server.child.kill("SIGTERM");
  const forced = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await server.exited;
  clearTimeout(forced);
  // A clean stop: the shutdown closed the database (exit code 0), not the kill.
  expect(server.child.exitCode).toBe(0);
}

/** A JSON call with the origin the surface expects and a client address of the caller's choice. */
async function call(base: string, method: string, url: string, body?: unknown, cookie?: string, ip?: string) {
  const headers: Record<string, string> = { origin: base };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (cookie) headers.cookie = cookie;
  if (ip) headers["x-forwarded-for"] = ip;
  return fetch(`${base}${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
}

const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

/** The sign-in code of the newest mail to `email` in the file mailer's folder. */
async function mailedCode(mailDir: string, email: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith(`${email}.eml`)) : [];
    const newest = files.sort().at(-1);
    if (newest) {
      const body = fs.readFileSync(path.join(mailDir, newest), "utf8").replace(/=\r?\n/g, "");
      const match = body.match(/\s(\d{4}) (\d{4})\./);
      if (match?.[1] && match[2]) return match[1] + match[2];
    }
    await sleep(100);
  }
  throw new Error("no sign-in code was mailed");
}

/** Asks the register (read-only, briefly: a long reader would hold the WAL itself) until `check` holds. */
async function waitForRegister(file: string, check: (db: Database.Database) => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    let ok: boolean;
    try {
      ok = check(db);
    } finally {
      db.close();
    }
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Everything that makes the person appear everywhere, then their erasure; answers the values to look for. */
async function useAndErase(server: Server, dir: string, person: Person, beforeErasure?: () => void) {
  const mailDir = path.join(dir, "mail");
  const ip = `198.51.100.${randomInt(1, 254)}`;
  const newPhone = `+35850${randomInt(1_000_000, 9_999_999)}`;
  const words = `${person.firstName} ${person.lastName}, ${person.street}, ${person.city}`;

  expect(
    (await call(server.portal, "POST", "/api/portal/auth/request-code", { email: person.email }, "", ip)).status,
  ).toBe(202);
  const code = await mailedCode(mailDir, person.email);
  const signedIn = await call(
    server.portal,
    "POST",
    "/api/portal/auth/verify-code",
    { email: person.email, code },
    "",
    ip,
  );
  expect(signedIn.status).toBe(200);
  const customer = cookieOf(signedIn);
  expect((await call(server.portal, "GET", "/api/portal/my-data", undefined, customer, ip)).status).toBe(200);
  const download = await call(server.portal, "GET", "/api/portal/export/json", undefined, customer, ip);
  expect(download.status).toBe(200);
  expect(await download.text()).toContain(person.email);

  const correction = await call(
    server.portal,
    "POST",
    "/api/portal/requests",
    { type: "rectification", field: "phone", newValue: newPhone, reason: `I am ${words}` },
    customer,
    ip,
  );
  expect(correction.status).toBe(201);
  const correctionId = ((await correction.json()) as { request: { id: string } }).request.id;

  const step = totpStep(Date.now());
  const totp = totpCodeForStep(DEMO_AGENT_TOTP_SECRET, step);
  const agentIn = await call(server.staff, "POST", "/api/staff/auth/sign-in", {
    username: "agent",
    password: "agent-demo-pass",
    totp,
  });
  expect(agentIn.status).toBe(200);
  const agent = cookieOf(agentIn);
  const search = await call(
    server.staff,
    "GET",
    `/api/staff/customers?q=${encodeURIComponent(person.lastName)}`,
    undefined,
    agent,
  );
  expect(await search.text()).toContain(person.id);
  expect((await call(server.staff, "GET", `/api/staff/customers/${person.id}`, undefined, agent)).status).toBe(200);
  const refused = await call(
    server.staff,
    "POST",
    `/api/staff/requests/${correctionId}/refuse`,
    { reasons: `We called ${words} at ${person.phone}; the number stays.` },
    agent,
  );
  expect(refused.status).toBe(200);

  const erasure = await call(
    server.portal,
    "POST",
    "/api/portal/requests",
    { type: "erasure", text: `Erase ${words}` },
    customer,
    ip,
  );
  expect(erasure.status).toBe(201);
  const erasureId = ((await erasure.json()) as { request: { id: string } }).request.id;
  beforeErasure?.();
  const executed = await call(server.staff, "POST", `/api/staff/operations/erasure/${erasureId}/execute`, {}, agent);
  expect(executed.status).toBe(200);
  return [person.firstName, person.lastName, person.email, person.phone, person.street, person.city, newPhone];
}

const count = (db: Database.Database, query: string) => (db.prepare(query).get() as { n: number }).n;

/** The erasure's confirmation mail was delivered (its body dropped) and no mail is left to send. */
const mailSettled = (db: Database.Database) =>
  count(
    db,
    "SELECT count(*) AS n FROM outbox WHERE topic = 'erasure_completed' AND status = 'delivered' AND body IS NULL",
  ) === 1 && count(db, "SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'failing')") === 0;

/** Delayed clears recorded in the trail (`maintenance.traces_cleared`). */
const delayedClears = (db: Database.Database) =>
  count(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'maintenance.traces_cleared'");

describe("no trace left after an erasure: the scan of the files (issue 14 C)", () => {
  it("finds no byte of the person in the database, its WAL and shm, or the server's log", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-no-trace-"));
    dirs.push(dir);
    const file = path.join(dir, "register.sqlite");
    const person = await prepareRegister(file);
    const server = await startServer(dir, file);
    try {
      const needles = await useAndErase(server, dir, person);
      // After the confirmation's commit only the clear its delivery sets off truncates the WAL: empty means cleared.
      await waitForRegister(
        file,
        (db) => mailSettled(db) && fs.statSync(`${file}-wal`).size === 0,
        "the confirmation delivered and the WAL cleared",
      );
      // Cleared at once, nothing waited: no delayed clear to record.
      await waitForRegister(file, (db) => delayedClears(db) === 0, "no delayed clear", 0);
      // While the server still runs: the log was cleared and the freed bytes were zeroed.
      expect(hitsInFiles([...sqliteFiles(file), server.log], needles)).toEqual([]);
    } finally {
      await stopServer(server);
    }
    const needles = [person.firstName, person.lastName, person.email, person.phone, person.street, person.city];
    expect(hitsInFiles([...sqliteFiles(file), server.log], needles)).toEqual([]);
  }, 180_000);

  it("while another reader holds a snapshot through the erasure, clears the WAL once it ends", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-no-trace-"));
    dirs.push(dir);
    const file = path.join(dir, "register.sqlite");
    const person = await prepareRegister(file);
    const server = await startServer(dir, file);
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    try {
      let needles: string[] = [];
      needles = await useAndErase(server, dir, person, () => {
        // A read transaction begun before the erasure: its mark keeps the frames before it.
        reader.exec("BEGIN");
        reader.prepare("SELECT count(*) FROM customers").get();
      });
      await sleep(1_500);
      // The checkpoint could not pass the reader: the person's pages are still in the WAL (or the main file).
      expect(hitsInFiles(sqliteFiles(file), needles).length).toBeGreaterThan(0);
      reader.exec("COMMIT");
      reader.close();
      // The retry (1 s, then 2 s, 4 s… apart while another process reads) clears them and records the delay. The
      // trail's entry is written after the clear, so the WAL is not empty then: the files themselves are the proof.
      await waitForRegister(
        file,
        (db) => mailSettled(db) && delayedClears(db) >= 1 && hitsInFiles(sqliteFiles(file), needles).length === 0,
        "the retry's clear",
      );
      expect(hitsInFiles([...sqliteFiles(file), server.log], needles)).toEqual([]);
    } finally {
      if (reader.open) reader.close();
      await stopServer(server);
    }
  }, 180_000);
});
