import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_EMAIL } from "./db/seed-demo.ts";
import { accepting } from "./test/ports.ts";
import { createTestPostgresDatabase, testEngine } from "./test/test-database.ts";

/*
 * Issue 15 D — the production build and run. The BFF is built here as `pnpm build` builds it (apps/bff/build.mjs,
 * esbuild, a few seconds) into a folder of its own under apps/bff/var/, then run with plain `node`: the graceful
 * shutdown on SIGTERM, and the README's "Production" block run as written. The apps' own build is checked when it
 * exists (the unit tests run before `pnpm build` in CI; then the listeners' other answers are checked, not the apps).
 * Ports 3245–3249 (helper D's share of the machine). Issue 16: in the bff-pg run the built server gets a PostgreSQL
 * database of its own (DATABASE_URL); the README block stays the SQLite default it documents.
 */

const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = path.resolve(bffDir, "../..");
const buildDir = path.join(bffDir, "var", `test-build-${process.pid}`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-production-"));
const children: ChildProcess[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  const build = (await import(pathToFileURL(path.join(bffDir, "build.mjs")).href)) as {
    buildBff(options: { outdir: string }): Promise<string[]>;
  };
  await build.buildBff({ outdir: buildDir });
}, 60_000);

afterAll(() => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }
  }
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, log: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${fs.readFileSync(log, "utf8")}`);
    await sleep(50);
  }
}

async function readyz(port: number) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1_000) });
    return {
      status: res.status,
      body: (await res.json()) as unknown,
      hsts: res.headers.get("strict-transport-security"),
    };
  } catch {
    return null;
  }
}

/** A POST whose body is sent in two halves: in flight on the server until `finish` sends the second. */
function heldRequest(port: number, url: string, body: string) {
  const req = http.request({
    host: "127.0.0.1",
    port,
    path: url,
    method: "POST",
    headers: {
      origin: `http://127.0.0.1:${port}`,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    },
  });
  const half = Math.floor(body.length / 2);
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.once("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.once("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.once("error", reject);
    });
    req.once("error", reject);
  });
  req.write(body.slice(0, half));
  return { answer, finish: () => req.end(body.slice(half)) };
}

/** The built server in demo mode on a register of its own (issue 16: a PostgreSQL database of its own in bff-pg). */
async function startBuiltServer(dir: string, extra: Record<string, string> = {}) {
  const databaseUrl = testEngine === "postgres" ? await createTestPostgresDatabase() : undefined;
  const log = path.join(dir, "server.log");
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, [path.join(buildDir, "server.mjs")], {
    cwd: dir,
    stdio: ["ignore", out, out],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "development",
      DEMO: "true",
      RETENTION_SCHEDULE: "false",
      PORTAL_HOST: "127.0.0.1",
      PORTAL_PORT: "3245",
      STAFF_PORT: "3246",
      PORTAL_ORIGIN: "http://127.0.0.1:3245",
      STAFF_ORIGIN: "http://127.0.0.1:3246",
      DATABASE_PATH: path.join(dir, "register.sqlite"),
      MAIL_DIR: path.join(dir, "mail"),
      STATE_DIR: path.join(dir, "state"),
      STATIC_DIR_PORTAL: path.join(dir, "no-portal-build"),
      STATIC_DIR_STAFF: path.join(dir, "no-staff-build"),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...extra,
    },
  });
  fs.closeSync(out);
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await waitUntil("/readyz 200", async () => (await readyz(3245))?.status === 200, log);
  return { child, exited, log, file: path.join(dir, "register.sqlite"), databaseUrl };
}

/**
 * The register as the next start opens it. SQLite: intact, and the WAL checkpointed into the file and removed.
 * PostgreSQL: every connection of the server closed (none left on its database) and the demo it seeded readable.
 */
async function expectClosedCleanly({ file, databaseUrl }: { file: string; databaseUrl?: string }) {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const others = await client.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      );
      expect(others.rows[0]).toEqual({ n: 0 });
      const demo = await client.query("SELECT count(*)::int AS n FROM customers WHERE email = $1", [
        DEMO_CUSTOMER_EMAIL,
      ]);
      expect(demo.rows[0]).toEqual({ n: 1 });
    } finally {
      await client.end();
    }
    return;
  }
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  } finally {
    db.close();
  }
}

describe("the built server (node apps/bff/dist/server.mjs)", () => {
  it("on SIGTERM refuses new connections and turns not ready, finishes the request in flight, closes the database cleanly and exits 0", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "shutdown-"));
    const server = await startBuiltServer(dir, { SHUTDOWN_GRACE_SECONDS: "20" });
    const held = heldRequest(3245, "/api/portal/auth/request-code", JSON.stringify({ email: DEMO_CUSTOMER_EMAIL }));
    await sleep(200);

    server.child.kill("SIGTERM");
    // Both listeners stop accepting at once, while the request above is still in flight.
    await waitUntil("the portal to refuse connections", async () => !(await accepting(3245)), server.log, 5_000);
    await waitUntil(
      "the staff listener to refuse connections",
      async () => !(await accepting(3246)),
      server.log,
      5_000,
    );
    expect(server.child.exitCode).toBeNull();

    held.finish();
    // "Sent" whether or not the address is known (customer-sign-in.ts): the request ran to its end.
    expect((await held.answer).status).toBe(202);
    expect(await server.exited).toBe(0);
    await expectClosedCleanly(server);
  }, 60_000);

  it("closes a connection still open after SHUTDOWN_GRACE_SECONDS and still exits 0", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "grace-"));
    const server = await startBuiltServer(dir, { SHUTDOWN_GRACE_SECONDS: "1" });
    const held = heldRequest(3245, "/api/portal/auth/request-code", JSON.stringify({ email: DEMO_CUSTOMER_EMAIL }));
    const cutOff = held.answer.then(
      () => "answered",
      () => "cut off",
    );
    await sleep(200);
    const signalled = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(10_000);
    expect(await cutOff).toBe("cut off");
    await expectClosedCleanly(server);
  }, 60_000);
});

describe("README › Production, run as written", () => {
  const readme = fs.readFileSync(path.join(repoDir, "README.md"), "utf8");
  const block = /<!-- production-run:start -->\s*```sh\n([\s\S]*?)```\s*<!-- production-run:end -->/.exec(readme)?.[1];

  it("builds, makes the keys and settings, creates the first admin and starts ready in production", async () => {
    expect(block, "README.md has the production-run block").toBeDefined();
    let script = block ?? "";
    // `pnpm install` and `pnpm build` are this test's own build of the BFF (beforeAll); the lines must stay.
    for (const line of ["pnpm install --frozen-lockfile\n", "pnpm build\n"]) {
      expect(script).toContain(line);
      script = script.replace(line, "");
    }
    const dir = fs.mkdtempSync(path.join(tmp, "readme-"));
    const smtp = new SMTPServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (s, _x, cb) => s.resume().on("end", () => cb()),
    });
    await new Promise<void>((resolve) => smtp.listen(3249, "127.0.0.1", () => resolve()));
    try {
      // The operator's folders, mail relay and build, in this test's places; each must appear in the README.
      for (const [from, to] of [
        ["/etc/tietoni", path.join(dir, "etc")],
        ["/var/lib/tietoni", path.join(dir, "lib")],
        ["/var/backups/tietoni", path.join(dir, "backups")],
        ["smtp://mail.example.fi:587", "smtp://127.0.0.1:3249"],
        ["apps/bff/dist/", `${buildDir}/`],
      ] as const) {
        expect(script).toContain(from);
        script = script.replaceAll(from, to);
      }
      const log = path.join(dir, "run.log");
      const out = fs.openSync(log, "a");
      const run = spawn("bash", ["-e", "-c", script], {
        cwd: repoDir,
        // A process group of its own: the SIGTERM below reaches bash and the server it started, as a terminal's would.
        detached: true,
        stdio: ["pipe", out, out],
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          PORTAL_HOST: "127.0.0.1",
          PORTAL_PORT: "3247",
          STAFF_PORT: "3248",
        },
      });
      fs.closeSync(out);
      children.push(run);
      run.stdin?.end("a long enough admin passphrase\n");
      await waitUntil(
        "the README's server to be ready",
        async () => {
          if (run.exitCode !== null) throw new Error(`the README's commands stopped:\n${fs.readFileSync(log, "utf8")}`);
          return (await readyz(3247))?.status === 200;
        },
        log,
        60_000,
      );
      const portal = await readyz(3247);
      expect(portal?.body).toMatchObject({ ready: true, checks: { database: true, migrations: true, outbox: true } });
      // Production: HSTS is sent (security headers switch on NODE_ENV=production).
      expect(portal?.hsts).toContain("max-age=");
      expect((await readyz(3248))?.status).toBe(200);

      // The built apps, when `pnpm build` has made them (CI's unit phase runs before it).
      for (const [port, app] of [
        [3247, "portal"],
        [3248, "staff"],
      ] as const) {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        if (fs.existsSync(path.join(repoDir, "apps", app, "dist", "index.html"))) {
          expect(res.status, `${app} app served`).toBe(200);
          expect(res.headers.get("content-type")).toContain("text/html");
        } else {
          expect(res.status, `${app} app not built: the listener says so`).toBe(503);
        }
      }

      // A clean stop (Ctrl-C's signal to the foreground job), then the register as left.
      if (run.pid) process.kill(-run.pid, "SIGTERM");
      const file = path.join(dir, "lib", "tietoni.sqlite");
      await waitUntil(
        "the server to close",
        async () => !(await accepting(3247)) && !fs.existsSync(`${file}-wal`),
        log,
        30_000,
      );
      await expectClosedCleanly({ file });
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        expect(db.prepare("select username, role from staff_users").all()).toEqual([
          { username: "hilkka", role: "admin" },
        ]);
      } finally {
        db.close();
      }
      // The keys were made once, and they are not the demo's.
      const keys = fs.readFileSync(path.join(dir, "etc", "keys.env"), "utf8");
      expect(keys).toMatch(/^SUPPRESSION_KEY=\S{64}$/m);
      expect(keys).toMatch(/^AUDIT_SIGNING_KEY=\S{40,}$/m);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  }, 120_000);
});
