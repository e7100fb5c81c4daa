import { describe, expect, it } from "vitest";
import { updateServiceChange, updateServiceRowSchema } from "./update-service.ts";

const row = (cells: Record<string, string>) =>
  updateServiceRowSchema.safeParse({ customer_reference: "abc123", effective_date: "2026-03-01", ...cells });

describe("update-service rows", () => {
  it("take a new name alone, with the effective date as the values' time", () => {
    const r = row({ last_name: "Virtanen", street: "", postal_code: "", city: "" });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(updateServiceChange(r.data)).toEqual({
      customerId: "abc123",
      record: { last_name: "Virtanen", updated_at: "2026-03-01T00:00:00Z" },
    });
  });

  it("take an address only whole, defaulting the country to FI, and carry the non-disclosure flag", () => {
    const r = row({ street: "Mannerheimintie 1", postal_code: "00100", city: "Helsinki", non_disclosure: "true" });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(updateServiceChange(r.data)).toMatchObject({
      record: { street: "Mannerheimintie 1", postal_code: "00100", city: "Helsinki", country: "FI" },
      addressProtected: true,
    });
  });

  it("refuse half an address, a bad flag, a bad date, and a row that changes nothing", () => {
    const codes = (cells: Record<string, string>) => {
      const r = row(cells);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(codes({ street: "Katu 1" })).toContain("address_incomplete");
    expect(codes({ last_name: "X", non_disclosure: "yes" })).toContain("non_disclosure_invalid");
    expect(codes({ last_name: "X", effective_date: "1.3.2026" })).toContain("date_invalid");
    expect(codes({})).toContain("update_empty");
    expect(codes({ street: "Katu 1", postal_code: "123", city: "Espoo" })).toContain("postal_code_invalid");
    expect(codes({ last_name: "X", customer_reference: "" })).toContain("customer_reference_invalid");
  });
});
