import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { repoRoot } from "../env.ts";

/*
 * Issue 15 G: the deployment guide's nginx example (deploy/nginx/tietoni.conf) is started as written, with test
 * ports, names and a self-signed certificate in place of its values, in front of a real BFF (TRUST_PROXY=1), and
 * checked over HTTPS. It runs where nginx and openssl are installed (.ci/run installs them) and says
 * "skipped: no nginx" elsewhere. Ports 3275–3279 (this helper's range).
 */

const NGINX_PORTAL = 3275;
const NGINX_STAFF = 3276;
const NGINX_HTTP = 3277;
const BFF_PORTAL = 3278;
const BFF_STAFF = 3279;
const PORTAL_ORIGIN = `https://localhost:${NGINX_PORTAL}`;
const STAFF_ORIGIN = `https://localhost:${NGINX_STAFF}`;
/** The client's own address: loopback, but not nginx's (127.0.0.1), so the address the app reports is provably ours. */
const CLIENT_IP = "127.0.0.2";

/** A program on PATH, or in the sbin directories Debian puts nginx in (not on every user's PATH). */
function findProgram(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin", "/sbin"];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return null;
}

const nginx = findProgram("nginx");
const openssl = findProgram("openssl");
const missing = !nginx ? "nginx" : !openssl ? "openssl" : null;
if (missing) console.info(`deploy/nginx/tietoni.conf test skipped: no ${missing}`);

/**
 * The example with each production value replaced by the test's. Each replacement must match as often as stated:
 * an edit of the example that drops a value the test relies on fails here instead of testing something else.
 */
function renderExample(example: string, dir: string): string {
  const replacements: [from: string, to: string, times: number][] = [
    ["server 127.0.0.1:3000;", `server 127.0.0.1:${BFF_PORTAL};`, 1],
    ["server 127.0.0.1:3001;", `server 127.0.0.1:${BFF_STAFF};`, 1],
    ["listen 80;", `listen 127.0.0.1:${NGINX_HTTP};`, 1],
    ["listen 443 ssl http2;", `listen 127.0.0.1:${NGINX_PORTAL} ssl http2;`, 1],
    ["listen 10.0.0.5:443 ssl http2;", `listen 127.0.0.1:${NGINX_STAFF} ssl http2;`, 1],
    ["server_name omat.example.fi;", "server_name localhost;", 2],
    ["server_name tietoni.sisainen.example.fi;", "server_name localhost;", 1],
    ["/etc/ssl/tietoni/omat.example.fi.crt", path.join(dir, "cert.pem"), 1],
    ["/etc/ssl/tietoni/omat.example.fi.key", path.join(dir, "key.pem"), 1],
    ["/etc/ssl/tietoni/tietoni.sisainen.example.fi.crt", path.join(dir, "cert.pem"), 1],
    ["/etc/ssl/tietoni/tietoni.sisainen.example.fi.key", path.join(dir, "key.pem"), 1],
    // The internal network is the nginx host itself here, so a client from 127.0.0.2 stands outside it.
    ["allow 10.0.0.0/8;", "allow 127.0.0.1;", 1],
  ];
  let text = example;
  for (const [from, to, times] of replacements) {
    const found = text.split(from).length - 1;
    if (found !== times) throw new Error(`deploy/nginx/tietoni.conf: expected "${from}" ${times}×, found ${found}×`);
    text = text.replaceAll(from, to);
  }
  return text;
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

let dir = "";
let certPem = "";
let nginxChild: ChildProcess | undefined;
let bffChild: ChildProcess | undefined;

/** One HTTPS request through nginx from `localAddress`, trusting only the test's certificate. */
function httpsRequest(
  port: number,
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        servername: "localhost",
        port,
        path: pathname,
        method: options.method ?? "GET",
        headers: { host: `localhost:${port}`, ...options.headers },
        ca: certPem,
        localAddress: options.from ?? CLIENT_IP,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`timed out: ${pathname}`)));
    req.end(options.body);
  });
}

function httpGet(port: number, pathname: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: pathname, headers: { host: "localhost" }, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
      })
      .on("error", reject);
  });
}

/** The decoded text of the only sign-in mail the demo mailer wrote (quoted-printable or base64, as nodemailer chose). */
async function mailedCode(mailDir: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      const eml = fs.readFileSync(path.join(mailDir, file), "utf8");
      const split = eml.search(/\r?\n\r?\n/);
      const headers = eml.slice(0, split);
      let body = eml.slice(split).trim();
      if (/^Content-Transfer-Encoding:\s*base64/im.test(headers)) body = Buffer.from(body, "base64").toString("utf8");
      else if (/^Content-Transfer-Encoding:\s*quoted-printable/im.test(headers))
        body = body
          .replace(/=\r?\n/g, "")
          .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
      const code = body.match(/(?:^|\s)(\d{4} \d{4})(?=[.\s]|$)/m)?.[1];
      if (code) return code.replace(/\s/g, "");
    }
    if (Date.now() > deadline) throw new Error(`no sign-in code was mailed to ${mailDir}`);
    await sleep(100);
  }
}

async function waitFor(what: string, log: string, child: ChildProcess, ready: () => Promise<boolean>) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited on start:\n${fs.readFileSync(log, "utf8")}`);
    try {
      if (await ready()) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${what} did not start:\n${fs.readFileSync(log, "utf8")}`);
    await sleep(200);
  }
}

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const forced = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(forced);
}

describe.skipIf(missing !== null)("the nginx example in front of the app (deploy/nginx/tietoni.conf)", () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-nginx-"));
    // nginx's workers (nobody, when the test runs as root) must reach their temporary directories under it.
    fs.chmodSync(dir, 0o755);
    execFileSync(
      openssl ?? "openssl",
      [
        ...["req", "-x509", "-nodes", "-days", "1", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
        ...["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"), "-subj", "/CN=localhost"],
        ...["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
      ],
      { stdio: "ignore" },
    );
    certPem = fs.readFileSync(path.join(dir, "cert.pem"), "utf8");
    const example = fs.readFileSync(path.join(repoRoot, "deploy/nginx/tietoni.conf"), "utf8");
    fs.writeFileSync(path.join(dir, "tietoni.conf"), renderExample(example, dir));
    // The main file a distribution's nginx.conf would be: only paths of the test's own, then the example.
    fs.writeFileSync(
      path.join(dir, "nginx.conf"),
      [
        `pid ${path.join(dir, "nginx.pid")};`,
        `error_log ${path.join(dir, "error.log")} warn;`,
        "worker_processes 1;",
        "events { worker_connections 128; }",
        "http {",
        `  access_log ${path.join(dir, "access.log")};`,
        ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
          (t) => `  ${t}_temp_path ${path.join(dir, `${t}-temp`)};`,
        ),
        `  include ${path.join(dir, "tietoni.conf")};`,
        "}",
        "",
      ].join("\n"),
    );

    // The portal's built app is not there when the unit tests run (before `pnpm build`): a page of the test's own.
    const staticDir = path.join(dir, "portal-dist");
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>tietoni test portal</title>");
    const bffLog = path.join(dir, "bff.log");
    const bffOut = fs.openSync(bffLog, "a");
    // Node itself with tsx's loader, as the repository's other start tests do: SIGTERM reaches the process.
    bffChild = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
      cwd: path.join(repoRoot, "apps/bff"),
      stdio: ["ignore", bffOut, bffOut],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "development",
        DEMO: "true",
        TRUST_PROXY: "1",
        RETENTION_SCHEDULE: "false",
        PORTAL_HOST: "127.0.0.1",
        PORTAL_PORT: String(BFF_PORTAL),
        STAFF_HOST: "127.0.0.1",
        STAFF_PORT: String(BFF_STAFF),
        PORTAL_ORIGIN,
        STAFF_ORIGIN,
        DATABASE_PATH: path.join(dir, "register.sqlite"),
        MAIL_DIR: path.join(dir, "mail"),
        STATE_DIR: path.join(dir, "state"),
        STATIC_DIR_PORTAL: staticDir,
        STATIC_DIR_STAFF: path.join(dir, "no-staff-build"),
      },
    });
    fs.closeSync(bffOut);

    const nginxLog = path.join(dir, "nginx.out");
    const nginxOut = fs.openSync(nginxLog, "a");
    nginxChild = spawn(
      nginx ?? "nginx",
      ["-p", `${dir}/`, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log"), "-g", "daemon off;"],
      { stdio: ["ignore", nginxOut, nginxOut] },
    );
    fs.closeSync(nginxOut);

    await waitFor("the BFF", bffLog, bffChild, async () => (await httpGet(BFF_PORTAL, "/healthz")).status === 200);
    await waitFor("nginx", nginxLog, nginxChild, async () => {
      await httpsRequest(NGINX_PORTAL, "/healthz");
      return true;
    });
  }, 120_000);

  afterAll(async () => {
    await stop(nginxChild);
    await stop(bffChild);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers /healthz and the portal's page over HTTPS, with the app's own security headers", async () => {
    const health = await httpsRequest(NGINX_PORTAL, "/healthz");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: "ok", surface: "portal" });
    const page = await httpsRequest(NGINX_PORTAL, "/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("tietoni test portal");
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(page.headers.server).toBe("nginx");
  });

  it("redirects plain HTTP to HTTPS", async () => {
    const res = await httpGet(NGINX_HTTP, "/sign-in?x=1");
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe("https://localhost/sign-in?x=1");
  });

  it("signs a customer in through the proxy, and the app records the client's address, not nginx's or a forged one", async () => {
    const post = (url: string, body: unknown, origin = PORTAL_ORIGIN) =>
      httpsRequest(NGINX_PORTAL, url, {
        method: "POST",
        // A forged entry on the left: one proxy (TRUST_PROXY=1) means only nginx's entry on the right is believed.
        headers: { origin, "content-type": "application/json", "x-forwarded-for": "203.0.113.66" },
        body: JSON.stringify(body),
      });
    expect(
      (await post("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL }, "https://evil.example")).status,
    ).toBe(403);
    expect((await post("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL })).status).toBe(202);
    const code = await mailedCode(path.join(dir, "mail"));
    const verified = await post("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code });
    expect(verified.status).toBe(200);
    const cookie = String(verified.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
    const sessions = await httpsRequest(NGINX_PORTAL, "/api/portal/sessions", { headers: { cookie } });
    expect(sessions.status).toBe(200);
    const listed = JSON.parse(sessions.body) as { sessions: { ip: string | null }[]; signIns: { ip: string | null }[] };
    expect(listed.signIns[0]?.ip).toBe(CLIENT_IP);
    expect(listed.sessions.map((s) => s.ip)).toEqual([CLIENT_IP]);

    // The streamed download passes through its unbuffered location whole.
    const download = await httpsRequest(NGINX_PORTAL, "/api/portal/export/json", { headers: { cookie } });
    expect(download.status).toBe(200);
    const exported = JSON.parse(download.body) as { version: number; customer: { email?: string } };
    expect(exported.version).toBe(2);
    expect(JSON.stringify(exported.customer)).toContain(DEMO_CUSTOMER_EMAIL);
  });

  it("does not pass /metrics through (metrics belong to METRICS_PORT on an internal address)", async () => {
    // The app's public listeners refuse it themselves (issue 15 E); the proxy refuses it before it reaches them.
    expect((await httpGet(BFF_PORTAL, "/metrics")).status).toBe(404);
    expect((await httpsRequest(NGINX_PORTAL, "/metrics")).status).toBe(404);
    expect((await httpsRequest(NGINX_STAFF, "/metrics", { from: "127.0.0.1" })).status).toBe(404);
  });

  it("serves the staff listener to the internal network only", async () => {
    const inside = await httpsRequest(NGINX_STAFF, "/healthz", { from: "127.0.0.1" });
    expect(inside.status).toBe(200);
    expect(JSON.parse(inside.body)).toEqual({ status: "ok", surface: "staff" });
    expect((await httpsRequest(NGINX_STAFF, "/healthz", { from: CLIENT_IP })).status).toBe(403);
  });
});
