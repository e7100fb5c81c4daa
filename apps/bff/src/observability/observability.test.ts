import type { Counter } from "prom-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../db/seed-demo.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { createLogger, log, scrubText, useLogger } from "./logger.ts";
import { dataExports, httpRequests, signInFailures, startMetricsServer } from "./metrics.ts";

/*
 * Issue 15 E: the access line, what never goes into a line, and the Prometheus metrics. The logger's destination is
 * captured, so these read exactly the bytes an operator's collector would.
 */

let t: TestContext;
let lines: string[] = [];
const silent = log;

beforeAll(async () => {
  t = await createTestContext();
  useLogger(createLogger({ level: "info", destination: { write: (line: string) => lines.push(line) } }));
});
afterAll(async () => {
  useLogger(silent);
  await t.close();
});
afterEach(() => {
  lines = [];
});

const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const accessLines = () => parsed().filter((l) => l.msg === "request");

async function counterValue<L extends string>(counter: Counter<L>, labels: Partial<Record<L, string>>) {
  const { values } = await counter.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => v.labels[k as L] === want))
    .reduce((sum, v) => sum + v.value, 0);
}

describe("the access line", () => {
  it("writes exactly one JSON line per request with the route pattern, never the path's id", async () => {
    const admin = await t.signInAdmin();
    lines = [];
    const res = await t.staff.request("/api/staff/customers/c0000001?q=secret", { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(lines).toHaveLength(1);
    const [line] = accessLines();
    expect(line).toMatchObject({
      level: 30,
      msg: "request",
      surface: "staff",
      route: "/api/staff/customers/:id",
      method: "GET",
      status: 200,
    });
    expect(typeof line?.ms).toBe("number");
    expect(line?.reqId).toBe(res.headers.get("x-request-id"));
    expect(lines[0]).not.toContain("c0000001");
    expect(lines[0]).not.toContain("secret");
    // Nothing from the request but its method: no cookie, no address, no header.
    expect(Object.keys(line ?? {}).sort()).toEqual([
      "level",
      "method",
      "ms",
      "msg",
      "reqId",
      "route",
      "status",
      "surface",
      "time",
    ]);
  });

  it("keeps a safe incoming request id and replaces one that could carry anything", async () => {
    const kept = await t.portal.request("/healthz", { headers: { "x-request-id": "proxy-1234abcd" } });
    expect(kept.headers.get("x-request-id")).toBe("proxy-1234abcd");
    const replaced = await t.portal.request("/healthz", { headers: { "x-request-id": 'a"b aino@example.com' } });
    const id = replaced.headers.get("x-request-id") ?? "";
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.join("")).not.toContain("example.com");
    expect(accessLines().map((l) => [l.reqId, l.route])).toEqual([
      ["proxy-1234abcd", "/healthz"],
      [id, "/healthz"],
    ]);
  });

  it("names the integration API and the SPA's files as surfaces and routes of their own", async () => {
    await t.staff.request("/api/integration/v1/openapi.json");
    await t.portal.request("/some/deep/link/c0000001");
    expect(accessLines().map((l) => [l.surface, l.route])).toEqual([
      ["integration", "/api/integration/v1/openapi.json"],
      ["portal", "static"],
    ]);
  });

  it("counts the request by surface, route pattern and status class", async () => {
    // Refused by the session guard, so the guard's pattern is the route that answered.
    const labels = { surface: "portal", route: "/api/portal/my-data/*", method: "GET", status: "4xx" };
    const before = await counterValue(httpRequests, labels);
    expect((await t.portal.request("/api/portal/my-data")).status).toBe(401);
    expect(await counterValue(httpRequests, labels)).toBe(before + 1);
  });
});

describe("sign-in", () => {
  it("logs neither the address nor the code, and counts a wrong code", async () => {
    const before = await counterValue(signInFailures, { surface: "portal", reason: "code" });
    await t.postPortal("/api/portal/auth/request-code", { email: DEMO_CUSTOMER_EMAIL });
    const code = t.lastCodeFor(DEMO_CUSTOMER_EMAIL);
    const wrong = code === "1111 1111" ? "2222 2222" : "1111 1111";
    expect(
      (await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code: wrong })).status,
    ).toBe(400);
    expect((await t.postPortal("/api/portal/auth/verify-code", { email: DEMO_CUSTOMER_EMAIL, code })).status).toBe(200);
    await t.outbox.idle();
    const text = lines.join("");
    expect(accessLines().map((l) => l.route)).toEqual([
      "/api/portal/auth/request-code",
      "/api/portal/auth/verify-code",
      "/api/portal/auth/verify-code",
    ]);
    for (const secret of [DEMO_CUSTOMER_EMAIL, "asiakas", code, code.replace(" ", ""), wrong]) {
      expect(text).not.toContain(secret);
    }
    expect(await counterValue(signInFailures, { surface: "portal", reason: "code" })).toBe(before + 1);
  });

  it("counts a staff member's wrong password and wrong authenticator code by step", async () => {
    const password = await counterValue(signInFailures, { surface: "staff", reason: "password" });
    const totp = await counterValue(signInFailures, { surface: "staff", reason: "totp" });
    await t.postStaff("/api/staff/auth/sign-in", { username: "agent", password: "not-the-password" });
    const right = (await t.unusedTotpCode("agent")) ?? "";
    const wrong = right === "000000" ? "111111" : "000000";
    await t.postStaff("/api/staff/auth/sign-in", { username: "agent", password: "agent-demo-pass", totp: wrong });
    expect(await counterValue(signInFailures, { surface: "staff", reason: "password" })).toBe(password + 1);
    expect(await counterValue(signInFailures, { surface: "staff", reason: "totp" })).toBe(totp + 1);
    expect(lines.join("")).not.toContain("not-the-password");
  });
});

describe("exports", () => {
  it("counts a download started and completed", async () => {
    const cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    const started = await counterValue(dataExports, { outcome: "started" });
    const completed = await counterValue(dataExports, { outcome: "completed" });
    const res = await t.portal.request("/api/portal/export/json", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await counterValue(dataExports, { outcome: "started" })).toBe(started + 1);
    await res.text();
    expect(await counterValue(dataExports, { outcome: "completed" })).toBe(completed + 1);
    expect(lines.join("")).not.toContain(DEMO_CUSTOMER_EMAIL);
  });
});

describe("the metrics listener", () => {
  it("serves Prometheus text with the outbox backlog on its own port, and the public listeners do not", async () => {
    await t.db.insert(outbox).values({
      id: "obs-test-dead-1",
      kind: "webhook",
      topic: "customer.updated",
      status: "dead",
      nextAttemptAt: t.now(),
      createdAt: t.now(),
    });
    const metrics = await startMetricsServer({ host: "127.0.0.1", port: 0, db: t.db });
    try {
      const res = await fetch(`http://127.0.0.1:${metrics.port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      const text = await res.text();
      expect(text).toContain('tietoni_outbox_backlog{kind="webhook",status="dead"} 1');
      expect(text).toContain('tietoni_outbox_backlog{kind="mail",status="pending"} 0');
      expect(text).toMatch(/tietoni_http_requests_total\{surface="portal",route="\/api\/portal\/my-data\/\*"/);
      expect(text).toContain("tietoni_http_request_duration_seconds_bucket");
      expect(text).toContain("tietoni_sign_in_failures_total");
      expect(text).toContain("tietoni_exports_total");
      expect(text).toContain("tietoni_process_cpu_seconds_total");
      expect((await fetch(`http://127.0.0.1:${metrics.port}/other`)).status).toBe(404);
    } finally {
      await metrics.close();
    }
    expect((await t.portal.request("/metrics")).status).toBe(404);
    expect((await t.staff.request("/metrics")).status).toBe(404);
  });
});

describe("the error serializer", () => {
  it("keeps an error's type and message but no e-mail address from text we did not write", () => {
    expect(scrubText("550 5.1.1 <aino.asiakas@example.com>: no such user")).toBe("550 5.1.1 <[email]>: no such user");
    useLogger(createLogger({ level: "info", destination: { write: (line: string) => lines.push(line) } }));
    log.error({ err: new Error("rejected aino@example.fi") }, "delivery failed");
    const [line] = parsed();
    expect(line?.err).toMatchObject({ type: "Error", message: "rejected [email]" });
    expect(lines[0]).not.toContain("aino@");
  });
});
