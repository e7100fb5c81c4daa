import { describe, expect, it } from "vitest";
import { approvalOperations } from "../ingest/inbound.ts";
import { invoiceApprovalOperation, mayDecideApproval, runsWithoutApproval } from "./approvals.ts";
import { invoiceStatusRecordSchema, roleEndSchema } from "./staff-facts.ts";

describe("four eyes on what can clear an erasure blocker", () => {
  it("lets an admin do each approval operation at once and makes an agent's wait", () => {
    for (const op of approvalOperations.filter((o) => o !== "erasure.execute")) {
      expect(runsWithoutApproval("admin", op), op).toBe(true);
      expect(runsWithoutApproval("agent", op), op).toBe(false);
    }
  });

  it("makes an erasure staff registered themselves wait for a second person whatever the role", () => {
    expect(runsWithoutApproval("admin", "erasure.execute")).toBe(false);
    expect(runsWithoutApproval("agent", "erasure.execute")).toBe(false);
  });

  it("lets both roles do at once what only adds a blocker or a date", () => {
    expect(runsWithoutApproval("agent", null)).toBe(true);
    expect(runsWithoutApproval("admin", null)).toBe(true);
  });

  it("needs an approval for paid and written off, not for debt collection (the invoice stays open)", () => {
    expect(invoiceApprovalOperation("paid")).toBe("invoice.paid");
    expect(invoiceApprovalOperation("written_off")).toBe("invoice.written_off");
    expect(invoiceApprovalOperation("in_collection")).toBeNull();
  });

  it("never lets the requester decide, lets another agent or any admin, and decides once", () => {
    const open = { requestedBy: "staff-a", decidedAt: null };
    expect(mayDecideApproval(open, { id: "staff-a", role: "agent" })).toEqual({
      ok: false,
      code: "approval_own_request",
    });
    expect(mayDecideApproval(open, { id: "staff-b", role: "agent" })).toEqual({ ok: true });
    expect(mayDecideApproval(open, { id: "staff-admin", role: "admin" })).toEqual({ ok: true });
    expect(mayDecideApproval({ ...open, decidedAt: 1 }, { id: "staff-admin", role: "admin" })).toEqual({
      ok: false,
      code: "approval_decided",
    });
  });
});

describe("staff facts' inputs", () => {
  const parse = (input: unknown) => invoiceStatusRecordSchema.safeParse(input);
  const codes = (input: unknown) => parse(input).error?.issues.map((i) => i.message) ?? [];

  it("take a paid day, a write-off day or an agency as the outcome needs", () => {
    expect(parse({ status: "paid", on: "2026-11-20", reason: "Bank statement" }).success).toBe(true);
    expect(parse({ status: "written_off", on: "2026-11-20", reason: "Too small to collect" }).success).toBe(true);
    expect(parse({ status: "in_collection", agency: "Perintä Oy", reason: "Unpaid twice" }).success).toBe(true);
  });

  it("refuse a missing day or agency with its own code, and a field the outcome does not use", () => {
    expect(codes({ status: "paid", reason: "Bank statement" })).toEqual(["paid_on_required"]);
    expect(codes({ status: "written_off", reason: "Given up" })).toEqual(["written_off_on_required"]);
    expect(codes({ status: "in_collection", agency: " ", reason: "Unpaid" })).toEqual(["collection_agency_required"]);
    expect(codes({ status: "paid", on: "2026-11-20", agency: "X", reason: "Paid" })).toEqual(["invalid_input"]);
    expect(codes({ status: "open", on: "2026-11-20", reason: "Paid" })).toEqual(["status_invalid"]);
    expect(codes({ status: "paid", on: "2026-11-20", reason: "" })).toEqual(["reason_required"]);
  });

  it("take a role end in the future and refuse one that is no date", () => {
    expect(roleEndSchema.safeParse({ endDate: "2099-01-31", reason: "Leaves in January" }).success).toBe(true);
    expect(roleEndSchema.safeParse({ endDate: "31.1.2099", reason: "Leaves" }).error?.issues[0]?.message).toBe(
      "date_invalid",
    );
  });
});
