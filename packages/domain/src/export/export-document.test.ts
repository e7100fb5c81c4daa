import { describe, expect, it } from "vitest";
import { marketingPurposes, noObjections } from "../marketing/marketing.ts";
import { demoNotice as registerDescription } from "../register/notice-fixture.ts";
import {
  EXPORT_VERSION,
  type ExportDocument,
  exportDocumentSchema,
  exportJsonSchema,
  exportRegister,
} from "./export-document.ts";

const at = "2026-11-25T10:00:00.000Z";

function sampleDocument(): ExportDocument {
  return {
    format: "tietoni-export",
    version: EXPORT_VERSION,
    generatedAt: at,
    register: exportRegister(registerDescription),
    noticeVersion: { id: 1, sha256: "a".repeat(64), noticeDate: "2021-04-28", inForceSince: at },
    customer: {
      profile: {
        id: "c0000001",
        firstName: "Aino",
        lastName: "Asiakas",
        email: "asiakas@example.com",
        phone: null,
        postalAddress: null,
        www: null,
        relationshipStart: "2020-01-01",
        relationshipEnd: null,
        createdAt: at,
        addressProtected: false,
      },
      organisationRoles: [],
      ipAddresses: [{ ip: "203.0.113.10", seenAt: at }],
      orders: [
        {
          orderNumber: "T-1",
          orderedAt: at,
          status: "delivered",
          totalCents: 1200,
          currency: "EUR",
          lines: [{ lineNo: 1, product: "Kirja", quantity: 1, unitPriceCents: 1200 }],
        },
      ],
      invoices: [],
      billing: null,
      sources: [],
      erasureSchedule: {
        relationshipEnd: { kind: "continues", because: "openInvoice" },
        erasureDueOn: null,
        relationshipEndsAfterMonths: 24,
      },
      requests: [],
      marketing: {
        objections: noObjections(),
        history: [{ purpose: "directAdvertising", from: false, to: true, at, channel: "portal" }],
      },
      contactChanges: [
        { field: "phone", oldValue: null, newValue: "+358401234567", at, actorType: "customer", reason: null },
      ],
      signIns: [{ at, ip: null, userAgent: null }],
      sessions: [{ createdAt: at, lastSeenAt: at, ip: "203.0.113.10", userAgent: "Firefox" }],
      staffViews: [{ at, staffRole: "agent", action: "customer.record.viewed", why: { fi: "Haku", en: "Look-up" } }],
      downloads: [{ format: "json", at }],
      disclosures: [
        {
          at,
          channel: "manual",
          systemName: null,
          noticeRecipient: { id: "financialAdministrationPartner", name: { fi: "Kumppani", en: "Partner" } },
          categories: ["name", "billing"],
          legalBasis: "contract",
          reason: "bookkeeping",
          eventType: null,
        },
      ],
    },
  };
}

describe("export document v2", () => {
  it("carries the register description's Art. 15 context, in the schema's key order", () => {
    const register = exportRegister(registerDescription);
    expect(Object.keys(register)).toEqual(Object.keys(exportDocumentSchema.shape.register.shape));
    expect(register.supervisoryAuthority.email).toBe("tietosuoja@om.fi");
    expect(register.rights.map((r) => r.id)).toContain("portability");
    // Security measures and cookies are the notice's, not the customer's data: not in the download.
    expect(register).not.toHaveProperty("security");
  });

  it("accepts a complete document and refuses another version or a missing objection", () => {
    expect(exportDocumentSchema.safeParse(sampleDocument()).success).toBe(true);
    expect(exportDocumentSchema.safeParse({ ...sampleDocument(), version: 1 }).success).toBe(false);
    const doc = sampleDocument();
    const { directAdvertising: _dropped, ...partial } = doc.customer.marketing.objections;
    const broken = {
      ...doc,
      customer: { ...doc.customer, marketing: { ...doc.customer.marketing, objections: partial } },
    };
    expect(exportDocumentSchema.safeParse(broken).success).toBe(false);
  });

  it("refuses an order without its lines", () => {
    const doc = sampleDocument();
    const { lines: _lines, ...order } = doc.customer.orders[0] ?? { lines: [] };
    const broken = { ...doc, customer: { ...doc.customer, orders: [order] } };
    expect(exportDocumentSchema.safeParse(broken).success).toBe(false);
  });

  it("generates a JSON Schema (draft 2020-12) that documents every part", () => {
    const schema = exportJsonSchema();
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("tietoni data export, version 2");
    expect(schema.required).toEqual(["format", "version", "generatedAt", "register", "noticeVersion", "customer"]);
    const text = JSON.stringify(schema);
    for (const key of ["staffViews", "signIns", "contactChanges", "supervisoryAuthority", ...marketingPurposes]) {
      expect(text).toContain(`"${key}"`);
    }
    // Deterministic, so the committed copy can be compared byte for byte.
    expect(JSON.stringify(exportJsonSchema())).toBe(text);
  });
});
