import * as domain from "@tietoni/domain";
import { errorMessages, INTEGRATION_API_BASE, integrationScopes } from "@tietoni/domain";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { inspectRoutes } from "hono/dev";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient, registerImage, registerTables } from "../db/test-fixtures.ts";
import { createTestContext, PORTAL_ORIGIN, STAFF_ORIGIN, type TestContext } from "../test/test-context.ts";
import { testEngine } from "../test/test-database.ts";

/*
 * Bad input: hostile bodies, path parameters and query strings for every API route of both surfaces, taken from
 * the Hono apps so a new route is fuzzed without being listed. Every answer must be < 500; a 4xx must carry an
 * error code the apps can translate; a refused state-changing request must leave the database as it was
 * (byte-for-byte on SQLite, row for row on PostgreSQL: registerImage). The integration API on the staff listener is
 * fuzzed with a client's token, so its validators are reached.
 * Runs are reproducible: the seed is fixed (override with FC_SEED) and printed.
 */

const SEED = Number(process.env.FC_SEED ?? 20_251_125);
const NUM_RUNS = Number(process.env.FC_RUNS ?? 25);
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/*
 * Routes whose refusal is itself the record: a wrong sign-in code or password is counted (rate limits and the
 * sign-in log) even though the answer is a 4xx. A refusal by validation (400) must still write nothing.
 */
const COUNTS_FAILED_ATTEMPTS = new Set([
  "POST /api/portal/auth/verify-code",
  "POST /api/portal/auth/verify-link",
  "POST /api/staff/auth/sign-in",
  "POST /api/staff/auth/totp/confirm",
]);

/** Every field name of every object schema in the domain, so generated bodies reach the real validators. */
const FIELD_NAMES = [
  ...new Set(
    Object.values(domain).flatMap((value) => {
      const shape = (value as { shape?: unknown } | null)?.shape;
      return shape && typeof shape === "object" ? Object.keys(shape) : [];
    }),
  ),
];
const QUERY_NAMES = ["q", "type", "state", "purpose", "page", "limit", "from", "to", "lang", "assignee", "cursor"];

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "' OR 1=1; --",
    "'); DROP TABLE customers; --",
    '" UNION SELECT secret_hash FROM staff_sessions --',
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "\u0000\u0001\u001b[31m\r\n\t",
    "\ud800",
    "\udfff\ud800x",
    "\u202eevil\u202c",
    "\u200b\u200c\u200d\ufeff",
    "a\u0301\u0301\u0301",
    "😀".repeat(30),
    "../../etc/passwd",
    "%00",
    "__proto__",
    "",
    " ",
  ),
  fc.nat({ max: 70_000 }).map((n) => "x".repeat(n)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELD_NAMES), tie("value"), { maxKeys: 4 }),
  ),
})).value;

const key = fc.oneof(fc.constantFrom(...FIELD_NAMES), hostileString, fc.constantFrom("__proto__", "constructor"));

/** JSON text written by hand so `__proto__` stays an own key, as an attacker's body would carry it. */
const objectText = fc
  .array(fc.tuple(key, hostileValue), { maxLength: 6 })
  .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`);

const bodyText = fc.oneof(
  objectText,
  hostileValue.map((v) => JSON.stringify(v) ?? "null"),
  fc.constantFrom("{", "[1,", "nul", '{"a":1}garbage', "[".repeat(40) + "]".repeat(40), "{}", "[]", "null", "0"),
  hostileString,
);

const paramValue = hostileString.filter((s) => s.length > 0 && s.length < 5_000);

/**
 * A path parameter as a client would send it. A lone surrogate has no UTF-8 form, so no URL can carry it
 * (`encodeURIComponent` throws, as it did for the second parameter of a two-parameter route): it goes as U+FFFD,
 * as a browser sends it.
 */
const encodeParam = (value: string) =>
  encodeURIComponent(
    value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"),
  );

const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_NAMES), hostileString), hostileString), { maxLength: 4 })
  .map((pairs) => new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, v.slice(0, 4_000)])).toString());

type Surface = { app: TestContext["portal"]; origin: string; staff: boolean };
type Route = { method: string; path: string };

let t: TestContext;
let surfaces: Surface[];
/** An API client with every scope and no practical rate limit, so hostile calls reach the integration API's validators. */
let clientToken = "";
const findings = new Set<string>();
const statuses = new Map<number, number>();

beforeAll(async () => {
  t = await createTestContext();
  surfaces = [
    { app: t.portal, origin: PORTAL_ORIGIN, staff: false },
    { app: t.staff, origin: STAFF_ORIGIN, staff: true },
  ];
  clientToken = (
    await createApiClient(t.db, { systemName: "Fuzzer", scopes: integrationScopes, requestsPerMinute: 1_000_000 })
  ).token;
  console.info(`bad-input: fast-check seed ${SEED}, ${NUM_RUNS} runs per route and input kind`);
});
afterAll(async () => {
  console.info(`bad-input statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  if (findings.size > 0) console.info(`bad-input: refused but written (by design):\n${[...findings].join("\n")}`);
  await t.close();
});

function routesOf(app: Surface["app"]): Route[] {
  return inspectRoutes(app)
    .filter((r) => !r.isMiddleware && r.method !== "ALL" && r.path.startsWith("/api/"))
    .map((r) => ({ method: r.method, path: r.path }));
}

/** Well-formed ids that belong to nobody: the body validators run, and an accidental valid body changes nothing. */
const withIds = (path: string) => path.replace(/:[a-zA-Z_]+/g, "x0000002");

const snapshot = () => registerImage(t.db);

const isIntegration = (route: Route) => route.path.startsWith(`${INTEGRATION_API_BASE}/`);

/**
 * The integration API counts every call against its client's rate limit, refused or not (a flood of bad calls is
 * still a flood), and notes the client's last use: the register's image without those two. Everything else must
 * be as it was, row for row.
 */
async function registerRows(): Promise<string> {
  const parts: string[] = [];
  for (const name of await registerTables(t.db)) {
    const query =
      name === "sign_in_attempts"
        ? "SELECT * FROM sign_in_attempts WHERE substr(key, 1, 7) <> 'client:'"
        : name === "api_clients"
          ? "SELECT id, system_id, name, secret_hash, scopes, requests_per_minute, revoked_at FROM api_clients"
          : `SELECT * FROM "${name}"`;
    const rows = await t.db.rows<Record<string, unknown>>(sql.raw(query));
    // Sorted by their text: PostgreSQL may move a row within its table when a column left out above is updated.
    parts.push(name, ...rows.map((row) => JSON.stringify(row)).sort());
  }
  return parts.join("\n");
}

/** Anonymous for public routes; otherwise the surface's actor (a customer, or the admin, who may use every staff route). */
async function cookieFor(surface: Surface, route: Route): Promise<string | undefined> {
  const probe = await call(surface, route, withIds(route.path), "{}");
  if (probe.status !== 401) return undefined;
  return surface.staff ? t.signInAdmin() : t.signInCustomer("asiakas@example.com");
}

function call(surface: Surface, route: Route, url: string, body: string, cookie?: string) {
  const hasBody = route.method !== "GET";
  return surface.app.request(url, {
    method: route.method,
    headers: {
      origin: surface.origin,
      ...(isIntegration(route) ? { authorization: `Bearer ${clientToken}` } : {}),
      ...(hasBody ? { "content-type": "application/json" } : {}),
      ...(cookie ? { cookie } : {}),
    },
    ...(hasBody ? { body } : {}),
  });
}

/** The invariants of one hostile request. */
async function check(surface: Surface, route: Route, url: string, body: string, cookie: string | undefined) {
  const key = `${route.method} ${route.path}`;
  // Work an earlier accepted request left running (a code issued after its answer) is not this request's write.
  await t.settle();
  // Only a refused write is compared with the register as it was (an image costs a query on PostgreSQL).
  const writes = WRITE_METHODS.has(route.method);
  const before = !writes ? undefined : isIntegration(route) ? await registerRows() : await snapshot();
  const res = await call(surface, route, url, body, cookie);
  const text = await res.text();
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  const where = `${key} ${url.slice(0, 120)} body=${body.slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.status < 400) return;
  const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? "";
  expect(Object.keys(errorMessages), where).toContain(code);
  if (!writes) return;
  const unchanged =
    typeof before === "string"
      ? before === (await registerRows())
      : before !== undefined && Buffer.compare(before, await snapshot()) === 0;
  if (!unchanged && COUNTS_FAILED_ATTEMPTS.has(key) && res.status !== 400 && res.status !== 413) {
    findings.add(`${key} → ${res.status}`);
    return;
  }
  expect(unchanged, `database changed by a refused request: ${where}`).toBe(true);
}

/**
 * The fuzz's time limit. On PostgreSQL every statement is a round trip to the server: the same ~4,700 requests took
 * 505 s there against 130 s on SQLite (issue 16, measured while other test runs shared the machine's two cores).
 */
const FUZZ_TIMEOUT_MS = testEngine === "postgres" ? 1_200_000 : 600_000;

describe("bad input", { timeout: FUZZ_TIMEOUT_MS }, () => {
  it("fuzzes every route of both surfaces: never a 5xx, a translatable 4xx, nothing written when refused", async () => {
    let routes = 0;
    for (const surface of surfaces) {
      for (const route of routesOf(surface.app)) {
        routes += 1;
        const cookie = await cookieFor(surface, route);
        const params = { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true };
        if (route.method !== "GET") {
          await fc.assert(
            fc.asyncProperty(bodyText, (body) => check(surface, route, withIds(route.path), body, cookie)),
            params,
          );
        }
        if (route.path.includes("/:")) {
          const path = fc.array(paramValue, { minLength: 4, maxLength: 4 }).map((values) => {
            let i = 0;
            return route.path.replace(/:[a-zA-Z_]+/g, () => encodeParam(values[i++] ?? ""));
          });
          await fc.assert(
            fc.asyncProperty(path, (url) => check(surface, route, url, "{}", cookie)),
            params,
          );
        }
        if (route.method === "GET") {
          await fc.assert(
            fc.asyncProperty(queryString, (query) =>
              check(surface, route, `${withIds(route.path)}?${query}`, "", cookie),
            ),
            params,
          );
        }
      }
    }
    expect(routes).toBeGreaterThan(50);
    // Each route is fuzzed in turn; the surface grows with every issue and the machine may be shared. The integration
    // API's routes are compared row by row (registerRows), slower than the byte image.
  });
});
