import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCodeForStep, totpStep } from "../auth/totp.ts";
import { DEMO_AGENT_TOTP_SECRET, DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { accepting, freePort } from "../test/ports.ts";
import { createTestPostgresDatabase, needsPostgresServer, testEngine } from "../test/test-database.ts";

/*
 * Issue 16 — one BFF per frontend: two built servers on one register, `SURFACES=portal` and `SURFACES=staff`, each
 * listening on its own surface only, both ready, a customer signing in through the one and staff through the other.
 * On SQLite the two processes share the file; on PostgreSQL the database.
 */

const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-surfaces-"));
const buildDir = path.join(bffDir, "var", `test-build-surfaces-${process.pid}`);
const children: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ports = { portal: 0, staff: 0 };
const origin = (port: number) => `http://127.0.0.1:${port}`;
const logs: Record<string, string> = {};

async function start(surfaces: "portal" | "staff", env: Record<string, string>) {
  const log = path.join(tmp, `${surfaces}.log`);
  logs[surfaces] = log;
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, [path.join(buildDir, "server.mjs")], {
    cwd: tmp,
    stdio: ["ignore", out, out],
    env: { ...env, SURFACES: surfaces },
  });
  fs.closeSync(out);
  children.push(child);
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(100)) {
    if (child.exitCode !== null) break;
    const status = await fetch(`${origin(ports[surfaces])}/readyz`, { signal: AbortSignal.timeout(1_000) })
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return;
  }
  throw new Error(`the ${surfaces} process is not ready:\n${fs.readFileSync(log, "utf8").slice(-4000)}`);
}

// Two processes on one database need a server: PGlite is a database inside one process.
describe.skipIf(needsPostgresServer("one BFF per frontend"))(
  `one BFF per frontend (SURFACES), on ${testEngine === "postgres" ? "PostgreSQL" : "one SQLite file"}`,
  () => {
    beforeAll(async () => {
      const build = (await import(pathToFileURL(path.join(bffDir, "build.mjs")).href)) as {
        buildBff(options: { outdir: string }): Promise<string[]>;
      };
      await build.buildBff({ outdir: buildDir });
      ports.portal = await freePort();
      ports.staff = await freePort();
      const register: Record<string, string> =
        testEngine === "postgres"
          ? { DATABASE_URL: await createTestPostgresDatabase() }
          : { DATABASE_PATH: path.join(tmp, "register.sqlite") };
      const env = {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "development",
        DEMO: "true",
        RETENTION_SCHEDULE: "false",
        PORTAL_HOST: "127.0.0.1",
        PORTAL_PORT: String(ports.portal),
        STAFF_PORT: String(ports.staff),
        PORTAL_ORIGIN: origin(ports.portal),
        STAFF_ORIGIN: origin(ports.staff),
        MAIL_DIR: path.join(tmp, "mail"),
        STATE_DIR: path.join(tmp, "state"),
        STATIC_DIR_PORTAL: path.join(tmp, "no-portal-build"),
        STATIC_DIR_STAFF: path.join(tmp, "no-staff-build"),
        ...register,
      };
      // The staff process first: on an empty register it seeds the demo; the portal process then finds it there.
      await start("staff", env);
      await start("portal", env);
    }, 240_000);

    afterAll(() => {
      for (const child of children) child.kill("SIGKILL");
      fs.rmSync(buildDir, { recursive: true, force: true });
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("each process listens on its own surface only", async () => {
      // Each process got both ports in its settings; only the surface it serves is open, and each by its own process.
      const staffLog = fs.readFileSync(logs.staff ?? "", "utf8");
      expect(staffLog).toContain('"msg":"staff listening"');
      expect(staffLog).not.toContain('"msg":"portal listening"');
      const portalLog = fs.readFileSync(logs.portal ?? "", "utf8");
      expect(portalLog).toContain('"msg":"portal listening"');
      expect(portalLog).not.toContain('"msg":"staff listening"');
      expect(await accepting(ports.portal)).toBe(true);
      expect(await accepting(ports.staff)).toBe(true);
      const portalReady = (await (await fetch(`${origin(ports.portal)}/readyz`)).json()) as { surface: string };
      const staffReady = (await (await fetch(`${origin(ports.staff)}/readyz`)).json()) as { surface: string };
      expect([portalReady.surface, staffReady.surface]).toEqual(["portal", "staff"]);
    });

    it(testEngine === "postgres"
      ? "on PostgreSQL both keep house, each round on one of them at a time (db.exclusive)"
      : "on one SQLite file only the staff process keeps house", async () => {
      // The schedules start HOUSEKEEPING_DELAY_MS after the listeners; the digest's says so in its first line.
      const housekeeping = (surface: "portal" | "staff") =>
        fs.readFileSync(logs[surface] ?? "", "utf8").includes('"job":"digest"');
      await expect.poll(() => housekeeping("staff"), { timeout: 20_000, interval: 200 }).toBe(true);
      if (testEngine === "postgres")
        await expect.poll(() => housekeeping("portal"), { timeout: 20_000, interval: 200 }).toBe(true);
      else {
        // Started after the staff process, so past its delay too by the time the staff one is.
        await sleep(6_000);
        expect(housekeeping("portal")).toBe(false);
      }
    }, 30_000);

    it("a customer signs in through the portal process and staff through the staff process", async () => {
      const mailDir = path.join(tmp, "mail");
      const asked = await fetch(`${origin(ports.portal)}/api/portal/auth/request-code`, {
        method: "POST",
        headers: { origin: origin(ports.portal), "content-type": "application/json" },
        body: JSON.stringify({ email: DEMO_CUSTOMER_EMAIL }),
      });
      expect(asked.status).toBe(202);
      let code: string | undefined;
      for (const deadline = Date.now() + 20_000; !code && Date.now() < deadline; await sleep(50)) {
        for (const f of fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []) {
          const body = fs.readFileSync(path.join(mailDir, f), "utf8").replace(/=\r?\n/g, "");
          const match = /\s(\d{4}) (\d{4})\./.exec(body);
          if (f.includes(DEMO_CUSTOMER_EMAIL) && match) code = `${match[1]}${match[2]}`;
        }
      }
      const verified = await fetch(`${origin(ports.portal)}/api/portal/auth/verify-code`, {
        method: "POST",
        headers: { origin: origin(ports.portal), "content-type": "application/json" },
        body: JSON.stringify({ email: DEMO_CUSTOMER_EMAIL, code }),
      });
      expect(verified.status).toBe(200);

      const staff = await fetch(`${origin(ports.staff)}/api/staff/auth/sign-in`, {
        method: "POST",
        headers: { origin: origin(ports.staff), "content-type": "application/json" },
        body: JSON.stringify({
          username: "agent",
          password: "agent-demo-pass",
          totp: totpCodeForStep(DEMO_AGENT_TOTP_SECRET, totpStep(Date.now())),
        }),
      });
      expect(staff.status).toBe(200);
    });
  },
);
