import { describe, expect, it } from "vitest";
import { customerIdSchema, staffIdSchema, tokenIdSchema } from "./ids.ts";

describe("identifier formats", () => {
  it("take lowercase letters and digits within their lengths", () => {
    expect(customerIdSchema.safeParse("c0000001").success).toBe(true);
    expect(customerIdSchema.safeParse("x".repeat(41)).success).toBe(false);
    expect(tokenIdSchema.safeParse("a".repeat(64)).success).toBe(true);
    expect(tokenIdSchema.safeParse("a".repeat(65)).success).toBe(false);
  });

  it("refuse anything else with the id_invalid code", () => {
    for (const bad of ["", "C0000001", "c1;drop", "../etc", "a b"]) {
      const result = tokenIdSchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("id_invalid");
    }
  });

  it("let only staff ids carry a hyphen", () => {
    expect(staffIdSchema.safeParse("staff-agent").success).toBe(true);
    expect(tokenIdSchema.safeParse("staff-agent").success).toBe(false);
  });
});
