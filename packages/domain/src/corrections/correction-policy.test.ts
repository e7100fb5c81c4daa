import { describe, expect, it } from "vitest";
import { createRequestInputSchema } from "../requests/request-model.ts";
import { checkDirectEdit, correctionRequestFields, updateContactInputSchema } from "./correction-policy.ts";

describe("direct edits of contact fields", () => {
  it("accepts valid values and clearing a field", () => {
    expect(
      updateContactInputSchema.parse({
        phone: "+358 40 765 4321",
        postalAddress: { street: "Piiskakuja 7", postalCode: "20380", city: "Turku" },
        www: null,
      }),
    ).toEqual({
      phone: "+358407654321",
      postalAddress: { street: "Piiskakuja 7", postalCode: "20380", city: "Turku", country: "FI" },
      www: null,
    });
  });

  it("refuses an empty edit, unknown fields and invalid values with field codes", () => {
    expect(updateContactInputSchema.safeParse({}).success).toBe(false);
    expect(updateContactInputSchema.safeParse({ firstName: "X" }).success).toBe(false);
    const bad = updateContactInputSchema.safeParse({
      postalAddress: { street: "A 1", postalCode: "123", city: "Turku" },
    });
    expect(bad.error?.issues[0]).toMatchObject({
      path: ["postalAddress", "postalCode"],
      message: "postal_code_invalid",
    });
  });

  it("are refused while processing is restricted", () => {
    expect(checkDirectEdit({ restricted: true })).toEqual({ allowed: false, reason: "record_restricted" });
    expect(checkDirectEdit({ restricted: false })).toEqual({ allowed: true });
  });
});

describe("the fields a portal correction request offers", () => {
  it("adds the contact fields only while the record is restricted, when they cannot be edited directly", () => {
    expect(correctionRequestFields({ restricted: false })).not.toContain("phone");
    expect(correctionRequestFields({ restricted: false })).toContain("lastName");
    expect(correctionRequestFields({ restricted: true })).toEqual(
      expect.arrayContaining(["phone", "postalAddress", "www"]),
    );
  });
});

describe("a correction request for a contact field", () => {
  it("checks a phone number and a web address as the contact page does; a postal address is free text", () => {
    const base = { type: "rectification", reason: "Wrong" } as const;
    expect(createRequestInputSchema.safeParse({ ...base, field: "phone", newValue: "+358 40 123 4567" }).success).toBe(
      true,
    );
    expect(
      createRequestInputSchema.safeParse({ ...base, field: "phone", newValue: "0401234567" }).error?.issues,
    ).toEqual([expect.objectContaining({ path: ["newValue"], message: "phone_invalid" })]);
    expect(
      createRequestInputSchema.safeParse({ ...base, field: "www", newValue: "ftp://x" }).error?.issues[0]?.message,
    ).toBe("url_invalid");
    expect(
      createRequestInputSchema.safeParse({ ...base, field: "postalAddress", newValue: "Kuja 1, 00100 Helsinki" })
        .success,
    ).toBe(true);
  });
});
