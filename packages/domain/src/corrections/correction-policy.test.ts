import { describe, expect, it } from "vitest";
import { checkDirectEdit, updateContactInputSchema } from "./correction-policy.ts";

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
