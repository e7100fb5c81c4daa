import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { inspectRoutes } from "hono/dev";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerImage } from "../db/test-fixtures.ts";
import { createDeps, type Deps } from "../deps.ts";
import { createPortalApp } from "../portal-app.ts";
import { createStaffApp } from "../staff-app.ts";
import { createTestContext, PORTAL_ORIGIN, STAFF_ORIGIN, type TestContext } from "../test/test-context.ts";

/*
 * Browser and HTTP hardening of both listeners: the body size limit (also for chunked bodies), static files that
 * cannot leave the build folder, security headers on every kind of response, and CSRF refusal on every
 * state-changing route. Each refused request must leave the database unchanged (byte-for-byte on SQLite, row for
 * row on PostgreSQL: registerImage).
 */

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SECRET = "tietoni-secret-outside-the-build-7f3a";

let t: TestContext;
let customer: string;
let admin: string;
let tmp: string;

/** The test context's register and env, with the given env changes (a static build, production mode). */
function depsWith(env: Partial<Deps["env"]>): Deps {
  const mailer = { async send() {} };
  return createDeps({ db: t.db, env: { ...t.env, ...env }, mailer, now: () => Date.now() });
}

beforeAll(async () => {
  t = await createTestContext();
  customer = await t.signInCustomer("asiakas@example.com");
  admin = await t.signInAdmin();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-static-"));
  fs.mkdirSync(path.join(tmp, "build"));
  fs.writeFileSync(path.join(tmp, "build", "index.html"), "<!doctype html><title>spa</title>");
  fs.writeFileSync(path.join(tmp, "build", "app.js"), "console.log(1)");
  fs.writeFileSync(path.join(tmp, "secret.txt"), SECRET);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const snapshot = () => registerImage(t.db);

function routesOf(app: TestContext["portal"]) {
  return inspectRoutes(app)
    .filter((r) => !r.isMiddleware && r.method !== "ALL" && r.path.startsWith("/api/"))
    .map((r) => ({ method: r.method, path: r.path }));
}

/** Starts an app on a free loopback port; the caller closes it. */
async function listen(app: TestContext["portal"]) {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A raw GET whose path is sent exactly as written (fetch and URL would normalise `..` and `%2e%2e` away). */
function rawGet(port: number, rawPath: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: rawPath, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A 70 KB body in small chunks, so no Content-Length is known in advance. */
function chunkedBody(text: string) {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
      controller.close();
    },
  });
}

describe("body size limit", () => {
  const big = JSON.stringify({ type: "other", text: "x".repeat(70_000) });
  const expectTooLarge = async (res: Response) => {
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
  };
  const headers = { "content-type": "application/json", origin: PORTAL_ORIGIN };

  it("refuses a 70 KB JSON body with 413 and changes nothing", async () => {
    const before = await snapshot();
    await expectTooLarge(
      await t.portal.request("/api/portal/requests", {
        method: "POST",
        headers: { ...headers, cookie: customer },
        body: big,
      }),
    );
    expect(Buffer.compare(before, await snapshot())).toBe(0);
  });

  it("refuses the same body sent chunked without Content-Length, in-process and over a real socket", async () => {
    const before = await snapshot();
    const init = (body: ReadableStream<Uint8Array>) =>
      ({ method: "POST", headers: { ...headers, cookie: customer }, body, duplex: "half" }) as RequestInit;
    await expectTooLarge(await t.portal.request("/api/portal/requests", init(chunkedBody(big))));
    const server = await listen(t.portal);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/portal/requests`, init(chunkedBody(big)));
      await expectTooLarge(res);
    } finally {
      await server.close();
    }
    expect(Buffer.compare(before, await snapshot())).toBe(0);
  });
});

describe("static files", () => {
  it("never serve a file from outside the build folder, however the path is spelt", async () => {
    const app = createPortalApp(depsWith({ staticDirPortal: path.join(tmp, "build") }));
    const server = await listen(app);
    try {
      // The build itself is served: the paths below fail because of where they point, not because nothing works.
      expect((await rawGet(server.port, "/app.js")).body).toBe("console.log(1)");
      for (const attack of [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/..%5csecret.txt",
        "/%2e%2e%5csecret.txt",
        "/app.js/../../secret.txt",
        "/%252e%252e/secret.txt",
        "/....//secret.txt",
      ]) {
        const res = await rawGet(server.port, attack);
        expect(res.status, attack).toBeLessThan(500);
        expect(res.body, attack).not.toContain(SECRET);
      }
    } finally {
      await server.close();
    }
  });
});

describe("security headers", () => {
  const expectHardened = (res: Response, where: string) => {
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp, where).toMatch(/frame-ancestors 'none'/);
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc, where).toMatch(/script-src/);
    expect(scriptSrc, where).not.toContain("unsafe-inline");
    expect(
      csp.split(";").find((d) => d.trim().startsWith("default-src")),
      where,
    ).toBeDefined();
    expect(res.headers.get("x-content-type-options"), where).toBe("nosniff");
    expect(res.headers.get("referrer-policy"), where).toBeTruthy();
    expect(res.headers.get("permissions-policy"), where).toMatch(/camera=\(\)/);
  };

  it("are on health checks, API answers and the single-page app of both surfaces", async () => {
    const withBuild = { staticDirPortal: path.join(tmp, "build"), staticDirStaff: path.join(tmp, "build") };
    // The API answer comes from the context's own apps, whose clock the sessions were made on.
    const surfaces = [
      { spa: createPortalApp(depsWith(withBuild)), app: t.portal, api: "/api/portal/my-data", cookie: customer },
      { spa: createStaffApp(depsWith(withBuild)), app: t.staff, api: "/api/staff/customers/c0000001", cookie: admin },
    ];
    for (const { spa, app, api, cookie } of surfaces) {
      for (const [server, url, status] of [
        [spa, "/healthz", 200],
        [app, api, 200],
        [spa, "/requests/some/deep/link", 200],
        [spa, "/app.js", 200],
        [app, "/api/nope", 404],
      ] as const) {
        const res = await server.request(url, { headers: { cookie } });
        expect(res.status, url).toBe(status);
        expectHardened(res, url);
      }
    }
  });

  it("forbid caching on every signed-in API read of both surfaces", async () => {
    for (const { app, cookie } of [
      { app: t.portal, cookie: customer },
      { app: t.staff, cookie: admin },
    ]) {
      for (const { method, path: route } of routesOf(app).filter((r) => r.method === "GET")) {
        const url = route.replace(":customerId", "c0000001").replace(/:[a-zA-Z]+/g, "x0000002");
        const anonymous = await app.request(url);
        // Public reads (the export schema) carry no personal data and may be cached.
        if (anonymous.status !== 401) continue;
        const res = await app.request(url, { headers: { cookie } });
        expect(res.headers.get("cache-control") ?? "", `${method} ${route} → ${res.status}`).toContain("no-store");
      }
    }
  });

  it("add HSTS of at least a year in production", async () => {
    for (const create of [createPortalApp, createStaffApp]) {
      const res = await create(depsWith({ production: true })).request("/healthz");
      const maxAge = Number(res.headers.get("strict-transport-security")?.match(/max-age=(\d+)/)?.[1] ?? 0);
      expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
      expectHardened(res, "/healthz (production)");
    }
    expect((await t.portal.request("/healthz")).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("CSRF", () => {
  it("refuses every state-changing route of both surfaces from another origin or as a form, changing nothing", async () => {
    const surfaces = [
      { app: t.portal, own: PORTAL_ORIGIN, other: STAFF_ORIGIN, cookie: customer },
      { app: t.staff, own: STAFF_ORIGIN, other: PORTAL_ORIGIN, cookie: admin },
    ];
    let checked = 0;
    // Each attack's image after is the next one's before: one image a request (on PostgreSQL an image is a query
    // over every table, tens of milliseconds on a shared machine).
    let before = await snapshot();
    for (const { app, own, other, cookie } of surfaces) {
      const attacks: { name: string; headers: Record<string, string>; body: string }[] = [
        { name: "other surface", headers: { origin: other, "content-type": "application/json" }, body: "{}" },
        {
          name: "cross-site",
          headers: { origin: "https://evil.example", "content-type": "application/json" },
          body: "{}",
        },
        { name: "null origin", headers: { origin: "null", "content-type": "application/json" }, body: "{}" },
        {
          name: "no Origin, cross-site",
          headers: { "sec-fetch-site": "cross-site", "content-type": "application/json" },
          body: "{}",
        },
        // The other port is same-site, not same-origin.
        {
          name: "no Origin, same-site",
          headers: { "sec-fetch-site": "same-site", "content-type": "application/json" },
          body: "{}",
        },
        { name: "form", headers: { origin: own, "content-type": "application/x-www-form-urlencoded" }, body: "a=b" },
        {
          name: "multipart",
          headers: { origin: own, "content-type": "multipart/form-data; boundary=x" },
          body: "--x--",
        },
        { name: "text", headers: { origin: own, "content-type": "text/plain" }, body: '{"a":"b"}' },
      ];
      for (const { method, path: route } of routesOf(app).filter((r) => WRITE_METHODS.has(r.method))) {
        const url = route.replace(/:[a-zA-Z]+/g, "x0000002");
        for (const attack of attacks) {
          const res = await app.request(url, { method, headers: { ...attack.headers, cookie }, body: attack.body });
          const where = `${method} ${route} (${attack.name}) → ${res.status}`;
          // The integration API (issue 12) reads no cookie at all: a forged request carries no credential (401).
          const refusals = route.startsWith("/api/integration/") ? [401] : [403, 415];
          expect(refusals, where).toContain(res.status);
          const after = await snapshot();
          expect(Buffer.compare(before, after), where).toBe(0);
          before = after;
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    // Hundreds of requests, each with an image of the register: longer than the suite's default on PostgreSQL.
  }, 120_000);
});
