import { initialDueDate } from "@tietoni/domain";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { requests, restrictions } from "../../db/schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { withBothDemoCustomers } from "../../test/test-context.ts";

const { t, cookieA: aino, cookieB: matti } = await withBothDemoCustomers();

const requestRows = async () => (await t.db.select({ n: count() }).from(requests).get())?.n ?? 0;
const list = async (cookie: string) => {
  const res = await t.portal.request("/api/portal/requests", { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    requests: { id: string; type: string; state: string; dueOn: string; receivedOn: string; correction: unknown }[];
    restriction: unknown;
  };
};

describe("customer requests", () => {
  it("records a correction request with the field's current value, a one-month deadline and a mail", async () => {
    const mailsBefore = t.sent.length;
    const res = await t.postPortal(
      "/api/portal/requests",
      { type: "rectification", field: "lastName", newValue: "Korjattu", reason: "Sukunimeni vaihtui avioliiton myötä" },
      aino,
    );
    expect(res.status).toBe(201);
    const { request } = (await res.json()) as {
      request: { receivedOn: string; dueOn: string; state: string; correction: unknown };
    };
    expect(request.state).toBe("received");
    expect(request.dueOn).toBe(initialDueDate(request.receivedOn));
    expect(request.correction).toEqual({
      field: "lastName",
      currentValue: "Asiakas",
      newValue: "Korjattu",
      reason: "Sukunimeni vaihtui avioliiton myötä",
    });
    // No language recorded for the demo customer: the register's default, Finnish (issue 13).
    expect(t.sent.slice(mailsBefore)).toEqual([
      expect.objectContaining({ to: DEMO_CUSTOMER_EMAIL, subject: expect.stringContaining("vastaanotettu") }),
    ]);
  });

  it("lists only the customer's own requests", async () => {
    await t.postPortal(
      "/api/portal/requests",
      { type: "other", text: "Mitä tietoja luovutitte kirjanpitäjälle?" },
      matti,
    );
    const ainos = await list(aino);
    const mattis = await list(matti);
    expect(ainos.requests.map((r) => r.type)).toEqual(["rectification"]);
    expect(mattis.requests.map((r) => r.type)).toEqual(["other"]);
  });

  it("rejects bad input with field codes and records nothing", async () => {
    const before = await requestRows();
    for (const [body, code] of [
      [{ type: "rectification", field: "lastName", newValue: "X", reason: "" }, "required"],
      [{ type: "rectification", field: "email", newValue: "x@example.com", reason: "y" }, "invalid_input"],
      [{ type: "restriction", ground: "because" }, "invalid_input"],
      [{ type: "other", text: "x".repeat(4001) }, "too_long"],
      [{ type: "teleport" }, "invalid_input"],
    ] as const) {
      const res = await t.postPortal("/api/portal/requests", body, aino);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code } });
    }
    expect(await requestRows()).toBe(before);
  });

  it("lets the customer cancel a pending request, once, and not someone else's", async () => {
    const { requests: mine } = await list(aino);
    const id = mine[0]?.id ?? "";
    const { requests: theirs } = await list(matti);
    const notMine = await t.postPortal(`/api/portal/requests/${theirs[0]?.id}/cancel`, {}, aino);
    expect(notMine.status).toBe(404);
    const ok = await t.postPortal(`/api/portal/requests/${id}/cancel`, {}, aino);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      request: { state: "cancelled", history: [{ event: "received" }, { event: "cancelled" }] },
    });
    const again = await t.postPortal(`/api/portal/requests/${id}/cancel`, {}, aino);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "not_cancellable" } });
    expect((await list(matti)).requests[0]?.state).toBe("received");
  });

  it("allows one pending restriction request at a time and shows an applied restriction", async () => {
    const first = await t.postPortal(
      "/api/portal/requests",
      { type: "restriction", ground: "accuracyContested" },
      aino,
    );
    expect(first.status).toBe(201);
    const second = await t.postPortal("/api/portal/requests", { type: "restriction", ground: "legalClaim" }, aino);
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: "request_pending" } });
    await t.db
      .insert(restrictions)
      .values({ id: "r1", customerId: "c0000001", ground: "accuracyContested", appliedAt: Date.UTC(2026, 10, 1) });
    expect((await list(aino)).restriction).toMatchObject({
      ground: "accuracyContested",
      since: "2026-11-01T00:00:00.000Z",
    });
    expect((await list(matti)).restriction).toBeNull();
    await t.db.delete(restrictions).where(eq(restrictions.id, "r1"));
  });
});

describe("erasure assessment", () => {
  it("names the active contact-person role as a blocker", async () => {
    const res = await t.portal.request("/api/portal/erasure/assessment", { headers: { cookie: matti } });
    const { assessment } = (await res.json()) as { assessment: { blocked: boolean; blockers: unknown[] } };
    expect(assessment.blocked).toBe(true);
    expect(assessment.blockers).toContainEqual({ ground: "activeContactPerson", organisations: ["Turun Puutarha Oy"] });
  });

  it("names debt collection and lists the bookkeeping data kept", async () => {
    const sari = await t.signInCustomer("perinta@example.com");
    const res = await t.portal.request("/api/portal/erasure/assessment", { headers: { cookie: sari } });
    const { assessment } = (await res.json()) as {
      assessment: { blockers: { ground: string }[]; kept: { what: string }[] };
    };
    expect(assessment.blockers.map((b) => b.ground)).toContain("debtCollection");
    expect(assessment.kept.map((k) => k.what)).toContain("bookkeeping");
  });

  it("requires a session", async () => {
    expect((await t.portal.request("/api/portal/erasure/assessment")).status).toBe(401);
  });
});

describe("staff views of my record", () => {
  it("shows the customer when staff opened their record, with the staff member's role only", async () => {
    const agent = await t.signInStaff("agent", "agent-demo-pass");
    await t.staff.request("/api/staff/customers/c0000001", { headers: { cookie: agent } });
    const res = await t.portal.request("/api/portal/my-data/staff-views", { headers: { cookie: aino } });
    const { views } = (await res.json()) as { views: Record<string, unknown>[] };
    expect(views[0]).toMatchObject({ staffRole: "agent", action: "customer.record.viewed" });
    expect(JSON.stringify(views)).not.toContain("staff-agent");
    const theirs = await t.portal.request("/api/portal/my-data/staff-views", { headers: { cookie: matti } });
    expect(await theirs.json()).toEqual({ views: [] });
  });
});
