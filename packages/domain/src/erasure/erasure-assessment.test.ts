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
});
