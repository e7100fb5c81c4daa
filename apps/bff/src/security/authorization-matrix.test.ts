import { type IntegrationScope, integrationScopes } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { inspectRoutes } from "hono/dev";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerSessions, requests } from "../db/schema.ts";
import { type CreatedStaff, createApiClient, createStaffAccount } from "../db/test-fixtures.ts";
import { createTestContext, PORTAL_ORIGIN, STAFF_ORIGIN, type TestContext } from "../test/test-context.ts";

/*
 * The authorization matrix: every API route of both surfaces, taken from the Hono apps themselves so a
 * new route cannot be forgotten, called as anonymous, customer A (with customer B's ids), agent, admin and the
 * data-protection officer (issue 14 G). Each route's required access is declared below; a route missing from the
 * declaration fails the test. "staff" is the people who work the register (agent, admin): the dpo is refused there,
 * as everywhere but their own sign-in ("any staff") and the trail and statistics ("audit": admin and dpo).
 * The integration API (issue 12, on the staff listener) is declared by the scope an API client needs: no cookie
 * reaches it, and its clients are tried separately below (with the scope, without it, revoked).
 */

type Access = "public" | "customer" | "staff" | "any staff" | "admin" | "audit" | IntegrationScope;

const access: Record<string, Access> = {
  // Portal
  "POST /api/portal/auth/request-code": "public",
  "POST /api/portal/auth/verify-code": "public",
  "POST /api/portal/auth/verify-link": "public",
  "GET /api/portal/about/storage": "public",
  // Issue 15 A: the privacy notice, public like the notice itself.
  "GET /api/portal/notice": "public",
  "GET /api/portal/auth/session": "customer",
  "POST /api/portal/auth/sign-out": "customer",
  "GET /api/portal/my-data": "customer",
  "GET /api/portal/my-data/staff-views": "customer",
  // Issue 13 C: who received my data.
  "GET /api/portal/disclosures": "customer",
  "GET /api/portal/export/schema/v2.json": "public",
  "GET /api/portal/export/schema/v1.json": "public",
  "GET /api/portal/export/json": "customer",
  "GET /api/portal/export/csv": "customer",
  "GET /api/portal/export/html": "customer",
  "GET /api/portal/export/history": "customer",
  "GET /api/portal/marketing": "customer",
  "PUT /api/portal/marketing": "customer",
  "POST /api/portal/marketing/object-all": "customer",
  "PATCH /api/portal/contact": "customer",
  "GET /api/portal/recipient-notifications": "customer",
  "POST /api/portal/contact/email": "customer",
  "POST /api/portal/contact/email/confirm": "customer",
  "POST /api/portal/contact/reauthentication": "customer",
  "POST /api/portal/contact/reauthentication/confirm": "customer",
  // The undo link mailed to the old address: the link's secret is the proof, not a session.
  "POST /api/portal/email-change/undo": "public",
  "GET /api/portal/contact/history": "customer",
  "GET /api/portal/sessions": "customer",
  "DELETE /api/portal/sessions/:id": "customer",
  "POST /api/portal/sessions/sign-out-others": "customer",
  "GET /api/portal/requests": "customer",
  "POST /api/portal/requests": "customer",
  "POST /api/portal/requests/:id/cancel": "customer",
  "GET /api/portal/erasure/assessment": "customer",
  // Issue 15 B: the notice changed since the customer last saw it.
  "GET /api/portal/notice-change": "customer",
  "POST /api/portal/notice-change/seen": "customer",
  // Staff
  "POST /api/staff/auth/sign-in": "public",
  "GET /api/staff/notice": "public",
  "GET /api/staff/auth/session": "any staff",
  "POST /api/staff/auth/sign-out": "any staff",
  "POST /api/staff/auth/sign-out-everywhere": "any staff",
  "GET /api/staff/customers": "staff",
  "GET /api/staff/customers/:id": "staff",
  "POST /api/staff/customers/:id/protected-address": "staff",
  // Issue 13 C: the disclosure log on the record, and a disclosure recorded by hand.
  "GET /api/staff/customers/:id/disclosures": "staff",
  "POST /api/staff/customers/:id/disclosures": "staff",
  "POST /api/staff/auth/password": "any staff",
  "POST /api/staff/auth/totp/enrol": "any staff",
  "POST /api/staff/auth/totp/confirm": "any staff",
  "GET /api/staff/requests": "staff",
  "GET /api/staff/requests/staff-members": "staff",
  "GET /api/staff/requests/:id": "staff",
  "POST /api/staff/requests": "staff",
  "POST /api/staff/requests/:id/notes": "staff",
  "POST /api/staff/requests/:id/assign": "staff",
  "POST /api/staff/requests/:id/start": "staff",
  "POST /api/staff/requests/:id/extend": "staff",
  "POST /api/staff/requests/:id/refuse": "staff",
  "POST /api/staff/requests/:id/approve-correction": "staff",
  "POST /api/staff/requests/:id/complete": "staff",
  // Issue 12 E1: staff record-keeping and paper access requests.
  "POST /api/staff/requests/:id/identity": "staff",
  "POST /api/staff/requests/:id/export": "staff",
  "POST /api/staff/records": "staff",
  "PATCH /api/staff/records/:id/fields": "staff",
  "POST /api/staff/records/:id/objections": "staff",
  "GET /api/staff/operations/requests/:requestId": "staff",
  "GET /api/staff/operations/erasure/:requestId/preview": "staff",
  "POST /api/staff/operations/erasure/:requestId/execute": "staff",
  "POST /api/staff/operations/erasure/remainder/:customerId": "staff",
  "POST /api/staff/operations/restriction/:requestId/apply": "staff",
  "GET /api/staff/operations/restriction/customer/:customerId": "staff",
  "POST /api/staff/operations/restriction/:restrictionId/notify-lift": "staff",
  "POST /api/staff/operations/restriction/:restrictionId/lift": "staff",
  // Issue 13 E: how staff told the customer when the lift notice's mail failed.
  "POST /api/staff/operations/restriction/:restrictionId/told-otherwise": "staff",
  "GET /api/staff/operations/mailing-list/summary": "staff",
  "GET /api/staff/operations/mailing-list": "staff",
  "GET /api/staff/accounts": "admin",
  "POST /api/staff/accounts": "admin",
  "PATCH /api/staff/accounts/:id": "admin",
  "POST /api/staff/accounts/:id/reset-password": "admin",
  "POST /api/staff/accounts/:id/reset-totp": "admin",
  "GET /api/staff/role-policies": "admin",
  "PUT /api/staff/role-policies/:role": "admin",
  // Issue 14 D: a second admin approves a waiting admin; four eyes switched off (a staff of one) or on.
  "POST /api/staff/accounts/:id/approve-admin": "admin",
  "GET /api/staff/four-eyes": "admin",
  "PUT /api/staff/four-eyes": "admin",
  // Issue 14 G: the trail, its export and the request statistics are the data-protection officer's seat too.
  "GET /api/staff/audit": "audit",
  "POST /api/staff/audit/verify": "audit",
  "GET /api/staff/audit/export": "audit",
  "GET /api/staff/request-statistics": "audit",
  // Issue 15 B: the notice check (admin and the DPO).
  "GET /api/staff/notice-check": "audit",
  "GET /api/staff/retention/due": "admin",
  "POST /api/staff/retention/run": "admin",
  // Issue 14 B: the last retention runs with their counts.
  "GET /api/staff/retention/runs": "admin",
  // Issue 12 C1: connected systems and their API clients.
  "GET /api/staff/systems": "admin",
  "POST /api/staff/systems": "admin",
  "GET /api/staff/systems/:id": "admin",
  "PATCH /api/staff/systems/:id": "admin",
  "POST /api/staff/systems/:id/clients": "admin",
  "POST /api/staff/systems/:id/clients/:clientId/rotate": "admin",
  "POST /api/staff/systems/:id/clients/:clientId/revoke": "admin",
  // Issue 13 B: webhook endpoints of connected systems.
  "GET /api/staff/webhooks": "admin",
  "POST /api/staff/webhooks": "admin",
  "PATCH /api/staff/webhooks/:id": "admin",
  "POST /api/staff/webhooks/:id/rotate-secret": "admin",
  // Issue 13 A: the outbox's delivery log, with retry and replay.
  "GET /api/staff/deliveries": "admin",
  "POST /api/staff/deliveries/:id/retry": "admin",
  "POST /api/staff/deliveries/:id/replay": "admin",
  // Issue 12 E2: staff record-keeping (holds, invoice states, role and relationship end) and the approvals.
  "POST /api/staff/records/:id/holds": "staff",
  "POST /api/staff/records/:id/holds/:holdId/clear": "staff",
  "POST /api/staff/records/:id/invoices/:invoiceId/status": "staff",
  "POST /api/staff/records/:id/roles/:roleId/end": "staff",
  "POST /api/staff/records/:id/relationship-end": "staff",
  "GET /api/staff/approvals": "staff",
  "POST /api/staff/approvals/:id/approve": "staff",
  "POST /api/staff/approvals/:id/reject": "staff",
  // Integration API (issue 12): bearer tokens of connected systems' API clients, by scope.
  "GET /api/integration/v1/openapi.json": "public",
  "POST /api/integration/v1/customers": "customers:write",
  "POST /api/integration/v1/orders": "orders:write",
  "POST /api/integration/v1/invoices": "invoices:write",
  "POST /api/integration/v1/objections": "objections:write",
  "POST /api/integration/v1/customers/:external_id/relationship-end": "customers:write",
  "POST /api/integration/v1/customers/:external_id/legal-holds": "holds:write",
  "POST /api/integration/v1/customers/:external_id/legal-holds/:id/clear": "holds:write",
  "GET /api/integration/v1/customers/:external_id": "register:read",
  // Issue 13 D — Art. 19: the parties still to tell, and staff confirming they told one.
  "GET /api/staff/recipient-notifications": "staff",
  "POST /api/staff/recipient-notifications/:id/confirm": "staff",
  "GET /api/staff/inbound-issues": "staff",
  "POST /api/staff/inbound-issues/:id/resolve": "staff",
  // Issue 12 B — bulk import from the staff app.
  "GET /api/staff/imports": "admin",
  "POST /api/staff/imports": "admin",
  "GET /api/staff/imports/:id": "admin",
  "POST /api/staff/imports/:id/apply": "admin",
};

const isScope = (a: Access): a is IntegrationScope => (integrationScopes as readonly string[]).includes(a);

type Actor = "anonymous" | "customerA" | "agent" | "admin" | "dpo";
const actors: Actor[] = ["anonymous", "customerA", "agent", "admin", "dpo"];

let t: TestContext;
const table: string[] = [];
let bSessionId = "";
let bRequestId = "";
let dpoAccount: CreatedStaff;

beforeAll(async () => {
  t = await createTestContext();
  // Customer B owns a session and a request whose ids customer A will try.
  const b = await t.signInCustomer("yhteyshenkilo@example.com");
  bSessionId = b.split("=")[1]?.split(".")[0] ?? "";
  await t.postPortal("/api/portal/requests", { type: "other", text: "B:n pyyntö" }, b);
  bRequestId = (await t.db.select().from(requests).where(eq(requests.customerId, "c0000002")).get())?.id ?? "";
  expect(await t.db.select().from(customerSessions).where(eq(customerSessions.id, bSessionId)).get()).toBeDefined();
  dpoAccount = await createStaffAccount(t.db, { role: "dpo" });
});
afterAll(async () => {
  console.info(`\nAuthorization matrix (status per actor)\n${table.join("\n")}\n`);
  await t.close();
});

function routesOf(app: Parameters<typeof inspectRoutes>[0]) {
  return inspectRoutes(app)
    .filter((r) => !r.isMiddleware && r.method !== "ALL" && r.path.startsWith("/api/"))
    .map((r) => ({ method: r.method, path: r.path }));
}

/** Fills path parameters with ids that belong to customer B (or to nobody). */
function concretePath(path: string): string {
  return path
    .replace("/sessions/:id", `/sessions/${bSessionId}`)
    .replace("/requests/:id", `/requests/${bRequestId}`)
    .replace("/customers/:id", "/customers/c0000002")
    .replace(/:[a-zA-Z]+/g, "x0000002");
}

async function cookieFor(actor: Actor): Promise<string | undefined> {
  if (actor === "anonymous") return undefined;
  if (actor === "customerA") return t.signInCustomer("asiakas@example.com");
  if (actor === "agent") return t.signInStaff("agent", "agent-demo-pass");
  if (actor === "dpo") return t.signInStaff(dpoAccount.username, dpoAccount.password);
  return t.signInAdmin();
}

describe("authorization matrix", () => {
  it("declares the access of every route of both surfaces", () => {
    const all = [...routesOf(t.portal), ...routesOf(t.staff)].map((r) => `${r.method} ${r.path}`);
    const undeclared = all.filter((key) => !(key in access));
    const stale = Object.keys(access).filter((key) => !all.includes(key));
    expect({ undeclared, stale }).toEqual({ undeclared: [], stale: [] });
  });

  // Every route × actor signs in afresh (a sign-out route must not end the next call's session): 30 s was close
  // to the whole run on an idle machine once the issue-12 routes came, and a loaded one went past it. The dpo, a
  // fifth actor (issue 14 G), took an idle run from 95 s to 115 s.
  it("gives each actor exactly the access declared, never another customer's data, never a 5xx", async () => {
    const surfaces = [
      { app: t.portal, origin: PORTAL_ORIGIN, staff: false },
      { app: t.staff, origin: STAFF_ORIGIN, staff: true },
    ];
    table.push(`| route | ${actors.join(" | ")} |`, `|---|${actors.map(() => "---").join("|")}|`);
    for (const { app, origin, staff } of surfaces) {
      for (const { method, path } of routesOf(app)) {
        const key = `${method} ${path}`;
        const required = access[key];
        if (!required) continue;
        const cells: string[] = [];
        for (const actor of actors) {
          const cookie = await cookieFor(actor);
          const res = await app.request(concretePath(path), {
            method,
            headers: {
              origin,
              ...(method === "GET" ? {} : { "content-type": "application/json" }),
              ...(cookie ? { cookie } : {}),
            },
            ...(method === "GET" ? {} : { body: "{}" }),
          });
          const body = await res.text();
          cells.push(String(res.status));
          const where = `${key} as ${actor}`;
          expect(res.status, where).toBeLessThan(500);

          const isCustomer = actor === "customerA";
          const isStaff = actor === "agent" || actor === "admin";
          const allowed =
            required === "public" ||
            (required === "customer" && isCustomer && !staff) ||
            (required === "staff" && isStaff && staff) ||
            (required === "any staff" && (isStaff || actor === "dpo") && staff) ||
            (required === "admin" && actor === "admin" && staff) ||
            (required === "audit" && (actor === "admin" || actor === "dpo") && staff);
          if (!allowed) {
            expect([401, 403], where).toContain(res.status);
          } else {
            expect([401, 403], where).not.toContain(res.status);
          }
          // A customer never sees customer B's data, whatever id the path carries.
          if (isCustomer) {
            expect(body, where).not.toContain("yhteyshenkilo@example.com");
            expect(body, where).not.toContain("B:n pyyntö");
          }
          if (isCustomer && /\/:id/.test(path) && !staff) expect(res.status, where).toBe(404);
        }
        table.push(`| ${key} | ${cells.join(" | ")} |`);
      }
    }
  }, 240_000);

  it("lets an API client call an integration route only with its scope and while not revoked; no cookie helps", async () => {
    const routes = routesOf(t.staff).filter((r) => r.path.startsWith("/api/integration/"));
    expect(routes.length).toBeGreaterThan(5);
    const adminCookie = (await cookieFor("admin")) ?? "";
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      const required = access[key];
      if (!required || !isScope(required)) continue;
      const withScope = await createApiClient(t.db, { systemName: "Matrix", scopes: [required] });
      const others = integrationScopes.filter((s) => s !== required);
      const withoutScope = await createApiClient(t.db, { systemName: "Matrix", scopes: others });
      const revoked = await createApiClient(t.db, {
        systemName: "Matrix",
        scopes: integrationScopes,
        revokedAt: t.now() - 1,
      });
      const cells: string[] = [];
      for (const [who, token, expected] of [
        ["with scope", withScope.token, "allowed"],
        ["without scope", withoutScope.token, 403],
        ["revoked", revoked.token, 401],
      ] as const) {
        // A staff member's cookie beside the token changes nothing: the API reads only the token.
        const res = await t.staff.request(concretePath(path), {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            cookie: adminCookie,
            ...(method === "GET" ? {} : { "content-type": "application/json" }),
          },
          ...(method === "GET" ? {} : { body: "{}" }),
        });
        const body = await res.text();
        const where = `${key} as a client ${who}`;
        cells.push(String(res.status));
        expect(res.status, where).toBeLessThan(500);
        if (expected === "allowed") expect([401, 403], where).not.toContain(res.status);
        else expect(res.status, where).toBe(expected);
        // No customer of the register is reached through another system's ids.
        expect(body, where).not.toContain("yhteyshenkilo@example.com");
      }
      table.push(`| ${key} (client: with scope, without, revoked) | ${cells.join(" | ")} |`);
    }
  });
});
