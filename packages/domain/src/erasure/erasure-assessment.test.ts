import { describe, expect, it } from "vitest";
import { assessErasure, type ErasureFacts } from "./erasure-assessment.ts";

const clean: ErasureFacts = {
  openInvoices: 0,
  invoicesInCollection: 0,
  legalHolds: [],
  activeContactRoles: [],
  latestBookkeepingDate: "2026-10-04",
  hasMarketingObjections: false,
};

describe("assessErasure", () => {
  it("does not block a customer with nothing outstanding, and keeps bookkeeping six years from the year's end", () => {
    expect(assessErasure(clean)).toEqual({
      blocked: false,
      blockers: [],
      kept: [
        { what: "bookkeeping", until: "2032-12-31" },
        { what: "auditTrail", until: null },
      ],
    });
  });

  it("names every ground that blocks erasure", () => {
    const result = assessErasure({
      ...clean,
      openInvoices: 2,
      invoicesInCollection: 1,
      legalHolds: [{ id: "h1", keeps: null, endsOn: null }],
      activeContactRoles: [{ organisation: "Turun Puutarha Oy", endDate: null }],
    });
    expect(result.blocked).toBe(true);
    expect(result.blockers).toEqual([
      { ground: "openInvoice", count: 2 },
      { ground: "debtCollection", count: 1 },
      { ground: "legalHold" },
      { ground: "activeContactPerson", organisations: ["Turun Puutarha Oy"] },
    ]);
  });

  it("keeps a suppression entry when the customer objected to marketing, and no bookkeeping without orders", () => {
    const result = assessErasure({ ...clean, latestBookkeepingDate: null, hasMarketingObjections: true });
    expect(result.kept.map((k) => k.what)).toEqual(["suppression", "auditTrail"]);
  });

  it("counts the bookkeeping period from the financial year's end it is given (issue 14 B)", () => {
    // A voucher of October 2026 with the year ending 30 June belongs to the period ending 30.6.2027: kept to 2033.
    expect(assessErasure(clean, "06-30").kept[0]).toEqual({ what: "bookkeeping", until: "2033-12-31" });
    expect(assessErasure(clean, "12-31").kept[0]).toEqual({ what: "bookkeeping", until: "2032-12-31" });
  });
});
