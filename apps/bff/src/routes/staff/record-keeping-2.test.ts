import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore } from "../../auth/session-store.ts";
import { customers, invoices, legalHolds, organisationRoles, pendingApprovals } from "../../db/schema.ts";
import { createCustomer, createStaffAccount } from "../../db/test-fixtures.ts";
import { sessionCookieName } from "../../http/session-cookie.ts";
import { verifyAuditChain } from "../../services/audit.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

/*
 * Staff record-keeping, part 2 (issue 12): legal holds, invoice states, role and relationship end, and the four
 * eyes on what can clear an erasure blocker. The test clock stands at 2026-11-25.
 */

let t: TestContext;
let admin: string;
let agent: string;
let otherAgent: string;
let otherAgentId: string;

/** A session made the way the BFF makes one, on the context's clock. */
async function staffCookie(staffUserId: string) {
  const store = createSessionStore(t.db, { table: "staff_sessions", subject: "staff_user_id" }, t.env.sessionPolicy);
  const { token } = await store.create(staffUserId, t.now(), { ip: null, userAgent: null });
  return `${sessionCookieName(t.env, "staff")}=${token}`;
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await staffCookie("staff-admin");
  agent = await staffCookie("staff-agent");
  const other = await createStaffAccount(t.db, { role: "agent" });
  otherAgentId = other.id;
  otherAgent = await staffCookie(other.id);
});
afterAll(() => t.close());

const post = (url: string, body: unknown, cookie: string) =>
  t.staff.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie },
    body: JSON.stringify(body),
  });
const record = async (id: string, cookie = admin) => {
  const res = await t.staff.request(`/api/staff/customers/${id}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    profile: { relationshipEnd: string | null };
    recordKeeping: {
      holds: { id: string; applies: boolean; clearedAt: string | null; pendingApprovalId: string | null }[];
      roles: { id: string; endDate: string | null; active: boolean }[];
      invoices: { id: string; state: string; collectionAgency: string | null; pendingApprovalId: string | null }[];
      objections: unknown[];
      relationshipEnd: string | null;
    };
  };
};
const invoiceIdOf = async (customerId: string) =>
  (await t.db.select().from(invoices).where(eq(invoices.customerId, customerId)).all())[0]?.id ?? "";
const invoiceRow = (id: string) => t.db.select().from(invoices).where(eq(invoices.id, id)).get();
const openInvoice = async () => {
  const c = await createCustomer(t.db, { invoiceInCollection: true, orders: 1 });
  const invoiceId = await invoiceIdOf(c.id);
  // In collection is still open; start these cases from a plain open invoice.
  await t.db.update(invoices).set({ inCollection: false }).where(eq(invoices.id, invoiceId)).run();
  return { customerId: c.id, invoiceId };
};
const approvalsOf = async (cookie: string) => {
  const res = await t.staff.request("/api/staff/approvals", { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    approvals: { id: string; operation: string; own: boolean }[];
    forMe: number;
    myDecided: { id: string; outcome: string; rejectReason: string | null }[];
  };
};

describe("legal holds", () => {
  it("are set by an agent with a reason, shown in the record as applying, and audited without the reason", async () => {
    const c = await createCustomer(t.db);
    const since = await t.lastAuditSeq();
    const res = await post(
      `/api/staff/records/${c.id}/holds`,
      { reason: "Riita-asia käräjäoikeudessa", reference: "KO 2026/123", endsOn: "2027-06-30" },
      agent,
    );
    expect(res.status).toBe(201);
    const { holdId } = (await res.json()) as { holdId: string };
    const view = await record(c.id);
    expect(view.recordKeeping.holds).toEqual([
      expect.objectContaining({ id: holdId, applies: true, reference: "KO 2026/123", endsOn: "2027-06-30" }),
    ]);
    const [entry] = await t.auditSince(since);
    expect(entry).toMatchObject({ action: "legal_hold.set", actorId: "staff-agent", customerId: c.id });
    expect(entry?.detail).not.toContain("Riita");
  });

  it("refuse a last day in the past and a missing reason, changing nothing", async () => {
    const c = await createCustomer(t.db);
    const past = await post(`/api/staff/records/${c.id}/holds`, { reason: "Dispute", endsOn: "2020-01-01" }, admin);
    expect(past.status).toBe(400);
    expect(((await past.json()) as { error: { code: string } }).error.code).toBe("hold_end_in_past");
    const noReason = await post(`/api/staff/records/${c.id}/holds`, { reason: "" }, admin);
    expect(noReason.status).toBe(400);
    expect(await t.db.select().from(legalHolds).where(eq(legalHolds.customerId, c.id)).all()).toEqual([]);
  });

  it("are cleared by an admin at once", async () => {
    const c = await createCustomer(t.db);
    const { holdId } = (await (
      await post(`/api/staff/records/${c.id}/holds`, { reason: "Authority's order" }, admin)
    ).json()) as { holdId: string };
    const res = await post(`/api/staff/records/${c.id}/holds/${holdId}/clear`, { reason: "Order lifted" }, admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: "done" });
    const hold = await t.db.select().from(legalHolds).where(eq(legalHolds.id, holdId)).get();
    expect(hold).toMatchObject({ clearedById: "staff-admin", clearReason: "Order lifted", approvedBy: null });
    expect((await record(c.id)).recordKeeping.holds[0]).toMatchObject({ applies: false });
  });

  it("wait for another person when an agent clears one; the agent cannot approve it, another agent can", async () => {
    const c = await createCustomer(t.db);
    const { holdId } = (await (
      await post(`/api/staff/records/${c.id}/holds`, { reason: "Dispute pending" }, agent)
    ).json()) as { holdId: string };
    const since = await t.lastAuditSeq();
    const res = await post(`/api/staff/records/${c.id}/holds/${holdId}/clear`, { reason: "Dispute settled" }, agent);
    expect(res.status).toBe(202);
    const { approvalId } = (await res.json()) as { approvalId: string };
    expect((await t.auditSince(since)).map((e) => e.action)).toEqual(["approval.requested"]);
    // Nothing cleared yet: the hold still applies and shows the waiting approval.
    expect((await record(c.id)).recordKeeping.holds[0]).toMatchObject({ applies: true, pendingApprovalId: approvalId });
    // A second request about the same hold is refused while the first waits.
    const again = await post(`/api/staff/records/${c.id}/holds/${holdId}/clear`, { reason: "Settled" }, agent);
    expect(again.status).toBe(409);

    expect((await approvalsOf(agent)).approvals).toContainEqual(expect.objectContaining({ id: approvalId, own: true }));
    const own = await post(`/api/staff/approvals/${approvalId}/approve`, {}, agent);
    expect(own.status).toBe(403);
    expect(((await own.json()) as { error: { code: string } }).error.code).toBe("approval_own_request");

    const seq = await t.lastAuditSeq();
    const ok = await post(`/api/staff/approvals/${approvalId}/approve`, {}, otherAgent);
    expect(ok.status).toBe(200);
    const hold = await t.db.select().from(legalHolds).where(eq(legalHolds.id, holdId)).get();
    expect(hold).toMatchObject({
      clearedById: "staff-agent",
      approvedBy: otherAgentId,
      clearReason: "Dispute settled",
    });
    const entries = await t.auditSince(seq);
    expect(entries.map((e) => e.action)).toEqual(["legal_hold.cleared", "approval.decided"]);
    expect(JSON.parse(entries[1]?.detail ?? "{}")).toMatchObject({
      approvalId,
      outcome: "approved",
      requestedBy: "staff-agent",
      approvedBy: otherAgentId,
    });
    // Decided once.
    expect((await post(`/api/staff/approvals/${approvalId}/approve`, {}, admin)).status).toBe(409);
  });
});

describe("invoice states", () => {
  it("record debt collection at once for an agent: the invoice stays open, in collection with the agency", async () => {
    const { customerId, invoiceId } = await openInvoice();
    const since = await t.lastAuditSeq();
    const res = await post(
      `/api/staff/records/${customerId}/invoices/${invoiceId}/status`,
      { status: "in_collection", agency: "Perintä Oy", reason: "Two reminders unpaid" },
      agent,
    );
    expect(res.status).toBe(200);
    expect(await invoiceRow(invoiceId)).toMatchObject({
      status: "open",
      inCollection: true,
      collectionAgency: "Perintä Oy",
      statusChangedAt: t.now(),
    });
    const [entry] = await t.auditSince(since);
    expect(entry).toMatchObject({ action: "invoice.status_recorded", customerId });
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({ invoiceId, status: "in_collection" });
    expect((await record(customerId)).recordKeeping.invoices[0]).toMatchObject({
      state: "in_collection",
      collectionAgency: "Perintä Oy",
    });
  });

  it("mark an invoice paid by an admin at once", async () => {
    const { customerId, invoiceId } = await openInvoice();
    const res = await post(
      `/api/staff/records/${customerId}/invoices/${invoiceId}/status`,
      { status: "paid", on: "2026-11-20", reason: "Bank statement 20.11." },
      admin,
    );
    expect(res.status).toBe(200);
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: "paid", paidAt: "2026-11-20", inCollection: false });
    expect((await record(customerId)).recordKeeping.invoices[0]).toMatchObject({ state: "paid" });
    // Paid is final here: a second outcome is refused.
    const again = await post(
      `/api/staff/records/${customerId}/invoices/${invoiceId}/status`,
      { status: "written_off", on: "2026-11-21", reason: "Mistake" },
      admin,
    );
    expect(again.status).toBe(409);
  });

  it("queue an agent's payment until an admin approves it, and audit who approved", async () => {
    const { customerId, invoiceId } = await openInvoice();
    const res = await post(
      `/api/staff/records/${customerId}/invoices/${invoiceId}/status`,
      { status: "paid", on: "2026-11-24", reason: "Customer sent the receipt" },
      agent,
    );
    expect(res.status).toBe(202);
    const { approvalId } = (await res.json()) as { approvalId: string };
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: "open", paidAt: null });
    expect((await approvalsOf(admin)).approvals).toContainEqual(
      expect.objectContaining({ id: approvalId, operation: "invoice.paid", own: false }),
    );
    expect((await approvalsOf(admin)).forMe).toBeGreaterThan(0);

    const seq = await t.lastAuditSeq();
    expect((await post(`/api/staff/approvals/${approvalId}/approve`, {}, admin)).status).toBe(200);
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: "paid", paidAt: "2026-11-24" });
    const entries = await t.auditSince(seq);
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ["invoice.status_recorded", "staff-admin"],
      ["approval.decided", "staff-admin"],
    ]);
    expect(JSON.parse(entries[0]?.detail ?? "{}")).toEqual({
      invoiceId,
      status: "paid",
      approvalId,
      requestedBy: "staff-agent",
      approvedBy: "staff-admin",
    });
    expect(await t.db.select().from(pendingApprovals).where(eq(pendingApprovals.id, approvalId)).get()).toMatchObject({
      outcome: "approved",
      decidedBy: "staff-admin",
    });
  });

  it("let another person reject an agent's write-off with a reason: nothing changes", async () => {
    const { customerId, invoiceId } = await openInvoice();
    const res = await post(
      `/api/staff/records/${customerId}/invoices/${invoiceId}/status`,
      { status: "written_off", on: "2026-11-25", reason: "Too small to collect" },
      agent,
    );
    const { approvalId } = (await res.json()) as { approvalId: string };
    expect((await post(`/api/staff/approvals/${approvalId}/reject`, { reason: "No" }, otherAgent)).status).toBe(400);
    const rejected = await post(
      `/api/staff/approvals/${approvalId}/reject`,
      { reason: "Collect it first" },
      otherAgent,
    );
    expect(rejected.status).toBe(200);
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: "open", writtenOffOn: null });
    const row = await t.db.select().from(pendingApprovals).where(eq(pendingApprovals.id, approvalId)).get();
    expect(row).toMatchObject({ outcome: "rejected", decidedBy: otherAgentId });
    expect(JSON.parse(row?.payload ?? "{}")).toMatchObject({ rejectReason: "Collect it first" });
    expect((await t.lastAudit())?.action).toBe("approval.decided");
    const mine = await approvalsOf(agent);
    expect(mine.approvals.map((a) => a.id)).not.toContain(approvalId);
    // The requester is told the decision and why.
    expect(mine.myDecided).toContainEqual(
      expect.objectContaining({ id: approvalId, outcome: "rejected", rejectReason: "Collect it first" }),
    );
    expect((await approvalsOf(otherAgent)).myDecided.map((a) => a.id)).not.toContain(approvalId);
  });

  it("refuse a payment day in the future or a missing one, and another customer's invoice", async () => {
    const { customerId, invoiceId } = await openInvoice();
    const url = `/api/staff/records/${customerId}/invoices/${invoiceId}/status`;
    const future = await post(url, { status: "paid", on: "2026-12-31", reason: "Paid" }, admin);
    expect(((await future.json()) as { error: { code: string } }).error.code).toBe("date_in_future");
    const missing = await post(url, { status: "paid", reason: "Paid" }, admin);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("paid_on_required");
    const other = await createCustomer(t.db);
    const foreign = await post(
      `/api/staff/records/${other.id}/invoices/${invoiceId}/status`,
      { status: "paid", on: "2026-11-20", reason: "Paid" },
      admin,
    );
    expect(foreign.status).toBe(404);
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: "open" });
  });
});

describe("roles and the relationship", () => {
  it("end a role in the future: still active until then; an ended role cannot be ended again", async () => {
    const c = await createCustomer(t.db, { contactPerson: true });
    const roleId = `${c.id}r1`;
    const since = await t.lastAuditSeq();
    const res = await post(
      `/api/staff/records/${c.id}/roles/${roleId}/end`,
      { endDate: "2027-01-31", reason: "Leaves the company" },
      agent,
    );
    expect(res.status).toBe(200);
    expect((await record(c.id)).recordKeeping.roles).toEqual([
      expect.objectContaining({ id: roleId, endDate: "2027-01-31", active: true }),
    ]);
    const [entry] = await t.auditSince(since);
    expect(entry).toMatchObject({ action: "organisation_role.ended", customerId: c.id });
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({ roleId, endDate: "2027-01-31", previousEndDate: null });

    await t.db.update(organisationRoles).set({ endDate: "2026-01-31" }).where(eq(organisationRoles.id, roleId)).run();
    expect((await record(c.id)).recordKeeping.roles[0]).toMatchObject({ active: false });
    const again = await post(
      `/api/staff/records/${c.id}/roles/${roleId}/end`,
      { endDate: "2026-11-25", reason: "Again" },
      agent,
    );
    expect(again.status).toBe(409);
  });

  it("refuse a role end before its start", async () => {
    const c = await createCustomer(t.db, { contactPerson: true });
    const res = await post(
      `/api/staff/records/${c.id}/roles/${c.id}r1/end`,
      { endDate: "1990-01-01", reason: "Typo" },
      admin,
    );
    expect(res.status).toBe(400);
  });

  it("record the end of the relationship, shown in the record and audited", async () => {
    const c = await createCustomer(t.db);
    const since = await t.lastAuditSeq();
    const res = await post(
      `/api/staff/records/${c.id}/relationship-end`,
      { endDate: "2026-11-30", reason: "Contract terminated by letter" },
      agent,
    );
    expect(res.status).toBe(200);
    expect((await t.db.select().from(customers).where(eq(customers.id, c.id)).get())?.relationshipEnd).toBe(
      "2026-11-30",
    );
    const view = await record(c.id);
    expect(view.profile.relationshipEnd).toBe("2026-11-30");
    expect(view.recordKeeping.relationshipEnd).toBe("2026-11-30");
    const [entry] = await t.auditSince(since);
    expect(entry).toMatchObject({ action: "relationship.ended", customerId: c.id });
    const before = await post(
      `/api/staff/records/${c.id}/relationship-end`,
      { endDate: "1900-01-01", reason: "Typo" },
      agent,
    );
    expect(before.status).toBe(400);
  });

  it("refuse an unknown customer and a customer's cookie", async () => {
    expect(
      (await post("/api/staff/records/c9999999/relationship-end", { endDate: "2026-11-30", reason: "x y z" }, admin))
        .status,
    ).toBe(404);
    const customer = await t.signInCustomer("asiakas@example.com");
    expect(
      (await post("/api/staff/records/c0000001/relationship-end", { endDate: "2026-11-30", reason: "xyz" }, customer))
        .status,
    ).toBe(401);
  });

  it("keep the audit chain whole", async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
