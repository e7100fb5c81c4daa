import { describe, expect, it } from "vitest";
import {
  correctCustomerInputSchema,
  createCustomerInputSchema,
  exportableAccessRequest,
  identityMethodOf,
  recordObjectionInputSchema,
  storedIdentityMethod,
  verifyIdentityInputSchema,
} from "./staff-record.ts";

const codes = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe("a customer created by staff", () => {
  it("needs names and a reason; the e-mail address and everything else may be left out", () => {
    const r = createCustomerInputSchema.safeParse({ firstName: "Kalle", lastName: "Kirje", reason: "Kirje 24.11." });
    expect(r.success && r.data).toMatchObject({ email: null, postalAddress: null, organisation: null });
    expect(codes(createCustomerInputSchema.safeParse({ firstName: "K", lastName: "K" }))).toContain("reason_required");
  });

  it("checks the contact fields as the portal does and the business ID's check digit", () => {
    const r = createCustomerInputSchema.safeParse({
      firstName: "A",
      lastName: "B",
      email: "not-an-address",
      phone: "040 123",
      organisation: { name: "Yhtiö Oy", businessId: "0737546-3" },
      reason: "Puhelu",
    });
    expect(codes(r)).toEqual(expect.arrayContaining(["email_invalid", "phone_invalid", "business_id_invalid"]));
  });
});

describe("a correction by staff", () => {
  it("needs at least one field and refuses fields it does not know", () => {
    expect(codes(correctCustomerInputSchema.safeParse({ changes: {}, reason: "Puhelu" }))).toContain("required");
    expect(correctCustomerInputSchema.safeParse({ changes: { id: "x" }, reason: "Puhelu" }).success).toBe(false);
    expect(correctCustomerInputSchema.safeParse({ changes: { email: null }, reason: "Puhelu" }).success).toBe(true);
  });
});

describe("an objection recorded by staff", () => {
  it("takes the channel it came by and refuses a withdrawal the customer did not ask for", () => {
    const base = { channel: "phone", purposes: ["directAdvertising"], reason: "Puhelu" };
    expect(recordObjectionInputSchema.safeParse(base).success).toBe(true);
    expect(codes(recordObjectionInputSchema.safeParse({ ...base, channel: "fax" }))).toContain(
      "objection_channel_invalid",
    );
    expect(codes(recordObjectionInputSchema.safeParse({ ...base, withdraw: true }))).toContain(
      "withdrawal_needs_customer_request",
    );
    expect(recordObjectionInputSchema.safeParse({ ...base, withdraw: true, customerAsked: true }).success).toBe(true);
  });
});

describe("the identity check of a paper access request", () => {
  it("asks what was done for 'other' only, and stores and reads back the method", () => {
    expect(codes(verifyIdentityInputSchema.safeParse({ method: "other" }))).toContain("identity_other_text_required");
    expect(verifyIdentityInputSchema.safeParse({ method: "inPersonWithId", otherText: "x" }).success).toBe(false);
    const other = verifyIdentityInputSchema.parse({ method: "other", otherText: "Videopuhelu ja passi" });
    expect(identityMethodOf(storedIdentityMethod(other))).toEqual({
      method: "other",
      otherText: "Videopuhelu ja passi",
    });
    const known = verifyIdentityInputSchema.parse({ method: "strongElectronicId" });
    expect(identityMethodOf(storedIdentityMethod(known))).toEqual({ method: "strongElectronicId", otherText: null });
  });

  it("allows the export only for a verified access request that did not come through the portal", () => {
    const paper = { type: "access", channel: "paper", identityVerifiedAt: 1 };
    expect(exportableAccessRequest(paper)).toEqual({ ok: true });
    expect(exportableAccessRequest({ ...paper, identityVerifiedAt: null })).toEqual({
      ok: false,
      code: "identity_not_verified",
    });
    expect(exportableAccessRequest({ ...paper, channel: "portal" })).toMatchObject({ code: "not_paper_access" });
    expect(exportableAccessRequest({ ...paper, type: "erasure" })).toMatchObject({ code: "not_paper_access" });
  });
});
