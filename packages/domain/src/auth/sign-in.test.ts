import { describe, expect, it } from "vitest";
import { checkSignInCode, signInCodePolicy, verifyCodeInputSchema } from "./sign-in.ts";

const issuedAt = 1_000_000;
const fresh = { expiresAt: issuedAt + signInCodePolicy.validForMs, attempts: 0, consumedAt: null };

describe("checkSignInCode", () => {
  it("lets a fresh code be tried until the last millisecond of its ten minutes", () => {
    expect(checkSignInCode(fresh, issuedAt)).toBe("usable");
    expect(checkSignInCode(fresh, fresh.expiresAt - 1)).toBe("usable");
    expect(checkSignInCode(fresh, fresh.expiresAt)).toBe("expired");
  });

  it("allows five attempts and refuses the sixth", () => {
    expect(checkSignInCode({ ...fresh, attempts: 4 }, issuedAt)).toBe("usable");
    expect(checkSignInCode({ ...fresh, attempts: 5 }, issuedAt)).toBe("too_many_attempts");
  });

  it("works once", () => {
    expect(checkSignInCode({ ...fresh, consumedAt: issuedAt + 1 }, issuedAt + 2)).toBe("consumed");
  });
});

describe("verifyCodeInputSchema", () => {
  it("accepts six digits, with stray spaces around them", () => {
    expect(verifyCodeInputSchema.parse({ email: " Asiakas@Example.com ", code: " 012345 " })).toEqual({
      email: "asiakas@example.com",
      code: "012345",
    });
  });

  it("refuses anything else with the code_format code", () => {
    for (const code of ["12345", "1234567", "12a456", ""]) {
      const result = verifyCodeInputSchema.safeParse({ email: "a@example.com", code });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("code_format");
    }
  });
});
