import { describe, expect, it } from "vitest";
import { emailSchema, phoneSchema, postalAddressSchema, wwwSchema } from "./contact-fields.ts";

const firstCode = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("contact field validation", () => {
  it("normalises e-mail addresses and refuses malformed ones", () => {
    expect(emailSchema.parse("  Aino.Asiakas@Example.COM ")).toBe("aino.asiakas@example.com");
    expect(firstCode(emailSchema.safeParse("aino@"))).toBe("email_invalid");
  });

  it("accepts international phone numbers and strips separators", () => {
    expect(phoneSchema.parse("+358 40 123-4567")).toBe("+358401234567");
    expect(firstCode(phoneSchema.safeParse("040 123 4567"))).toBe("phone_invalid");
    expect(firstCode(phoneSchema.safeParse("+358"))).toBe("phone_invalid");
  });

  it("checks the postal code for the address's country, the error on the postal code", () => {
    const address = { street: "Storgatan 1", city: "Stockholm" };
    expect(postalAddressSchema.parse({ ...address, postalCode: "123 45", country: "se" })).toEqual({
      ...address,
      postalCode: "123 45",
      country: "SE",
    });
    expect(postalAddressSchema.parse({ ...address, postalCode: "20380" })).toMatchObject({ country: "FI" });
    const bad = postalAddressSchema.safeParse({ ...address, postalCode: "2038", country: "FI" });
    expect(bad.error?.issues).toEqual([
      expect.objectContaining({ message: "postal_code_invalid", path: ["postalCode"] }),
    ]);
    const us = postalAddressSchema.safeParse({ ...address, postalCode: "SW1A 1AA", country: "US" });
    expect(firstCode(us)).toBe("postal_code_form_us");
    expect(firstCode(postalAddressSchema.safeParse({ ...address, postalCode: "1", country: "Finland" }))).toBe(
      "country_invalid",
    );
  });

  it("accepts http(s) addresses only", () => {
    expect(wwwSchema.parse("https://mastermark.fi")).toBe("https://mastermark.fi");
    expect(firstCode(wwwSchema.safeParse("javascript:alert(1)"))).toBe("url_invalid");
  });
});
