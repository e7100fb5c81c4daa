import { describe, expect, it } from "vitest";
import type { DataCategoryId } from "../register/ids.ts";
import type { ErasureFacts } from "./erasure-assessment.ts";
import { erasureScope, type KeptByGround, personallyKept } from "./erasure-scope.ts";

const none: ErasureFacts = {
  openInvoices: 0,
  invoicesInCollection: 0,
  legalHolds: [],
  activeContactRoles: [],
  latestBookkeepingDate: null,
  hasMarketingObjections: false,
};

type Case = { name: string; facts: ErasureFacts; kept: KeptByGround[]; erased: DataCategoryId[]; complete: boolean };

describe("erasureScope", () => {
  it.each<Case>([
    {
      name: "no ground: everything erased, complete",
      facts: none,
      kept: [],
      erased: ["name", "organisation", "email", "postalAddress", "phone", "www", "ipAddress", "orders", "billing"],
      complete: true,
    },
    {
      name: "bookkeeping only: order rows kept without the person until the period's end, still complete",
      facts: { ...none, latestBookkeepingDate: "2026-10-04" },
      kept: [{ ground: "bookkeeping", categories: ["orders"], until: "2032-12-31", detail: {} }],
      erased: ["name", "organisation", "email", "postalAddress", "phone", "www", "ipAddress", "billing"],
      complete: true,
    },
    {
      name: "open invoice: name, billing and orders kept until paid",
      facts: { ...none, openInvoices: 2 },
      kept: [{ ground: "openInvoice", categories: ["name", "billing", "orders"], until: null, detail: { count: 2 } }],
      erased: ["organisation", "email", "postalAddress", "phone", "www", "ipAddress"],
      complete: false,
    },
    {
      name: "debt collection: the same as an open invoice",
      facts: { ...none, invoicesInCollection: 1 },
      kept: [
        { ground: "debtCollection", categories: ["name", "billing", "orders"], until: null, detail: { count: 1 } },
      ],
      erased: ["organisation", "email", "postalAddress", "phone", "www", "ipAddress"],
      complete: false,
    },
    {
      name: "contact person: name, organisation, work e-mail and phone until the role's last day",
      facts: {
        ...none,
        activeContactRoles: [
          { organisation: "A Oy", endDate: "2027-03-31" },
          { organisation: "B Oy", endDate: "2027-06-30" },
        ],
      },
      kept: [
        {
          ground: "activeContactPerson",
          categories: ["name", "organisation", "email", "phone"],
          until: "2027-06-30",
          detail: { organisations: ["A Oy", "B Oy"] },
        },
      ],
      erased: ["postalAddress", "www", "ipAddress", "orders", "billing"],
      complete: false,
    },
    {
      name: "an open-ended role holds until someone ends it",
      facts: {
        ...none,
        activeContactRoles: [
          { organisation: "A Oy", endDate: "2027-03-31" },
          { organisation: "B Oy", endDate: null },
        ],
      },
      kept: [
        {
          ground: "activeContactPerson",
          categories: ["name", "organisation", "email", "phone"],
          until: null,
          detail: { organisations: ["A Oy", "B Oy"] },
        },
      ],
      erased: ["postalAddress", "www", "ipAddress", "orders", "billing"],
      complete: false,
    },
    {
      name: "a legal hold naming the phone keeps only the phone, until its last day",
      facts: { ...none, legalHolds: [{ id: "h1", keeps: ["phone"], endsOn: "2028-01-01" }] },
      kept: [{ ground: "legalHold", categories: ["phone"], until: "2028-01-01", detail: { holdId: "h1" } }],
      erased: ["name", "organisation", "email", "postalAddress", "www", "ipAddress", "orders", "billing"],
      complete: false,
    },
    {
      name: "a legal hold naming nothing in particular keeps everything, until cleared",
      facts: { ...none, legalHolds: [{ id: "h2", keeps: null, endsOn: null }] },
      kept: [
        {
          ground: "legalHold",
          categories: [
            "name",
            "organisation",
            "email",
            "postalAddress",
            "phone",
            "www",
            "ipAddress",
            "orders",
            "billing",
          ],
          until: null,
          detail: { holdId: "h2" },
        },
      ],
      erased: [],
      complete: false,
    },
  ])("$name", ({ facts, kept, erased, complete }) => {
    expect(erasureScope(facts)).toEqual({ kept, erased, complete });
  });

  it("counts the bookkeeping day from the company's financial year", () => {
    // September 2026 belongs to the period ending 30 June 2027: kept until the end of 2033.
    const scope = erasureScope({ ...none, latestBookkeepingDate: "2026-09-15" }, "06-30");
    expect(scope.kept).toEqual([{ ground: "bookkeeping", categories: ["orders"], until: "2033-12-31", detail: {} }]);
  });

  it("combines grounds: each keeps its own, the rest is erased; bookkeeping links nothing to the person", () => {
    const scope = erasureScope({
      ...none,
      openInvoices: 1,
      legalHolds: [{ id: "h1", keeps: ["ipAddress"], endsOn: null }],
      latestBookkeepingDate: "2026-01-02",
    });
    expect(scope.kept.map((k) => k.ground)).toEqual(["openInvoice", "legalHold", "bookkeeping"]);
    expect(scope.erased).toEqual(["organisation", "email", "postalAddress", "phone", "www"]);
    expect(personallyKept(scope)).toEqual(["name", "ipAddress", "orders", "billing"]);
    // Without the invoice, the orders stay only for bookkeeping: no longer the person's.
    expect(personallyKept(erasureScope({ ...none, latestBookkeepingDate: "2026-01-02" }))).toEqual([]);
  });
});
