import { describe, expect, it } from "vitest";
import { emailSchema, finnishPostalCodeSchema, phoneSchema, wwwSchema } from "./contact-fields.ts";

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

  it("accepts five-digit Finnish postal codes only", () => {
    expect(finnishPostalCodeSchema.parse("20380")).toBe("20380");
    for (const bad of ["2038", "203801", "2O380"])
      expect(firstCode(finnishPostalCodeSchema.safeParse(bad))).toBe("postal_code_invalid");
  });

  it("accepts http(s) addresses only", () => {
    expect(wwwSchema.parse("https://mastermark.fi")).toBe("https://mastermark.fi");
    expect(firstCode(wwwSchema.safeParse("javascript:alert(1)"))).toBe("url_invalid");
  });
});
