import { describe, expect, it } from "vitest";
import {
  checkSignInCode,
  customerSignInCodePolicy,
  groupSignInCode,
  signInCodePolicy,
  verifyCodeInputSchema,
  verifyLinkInputSchema,
} from "./sign-in.ts";

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
  it("accepts eight digits, grouped as the mail shows them or not, with stray spaces around them", () => {
    for (const code of [" 01234567 ", "0123 4567", "0123-4567", "01 23 45 67"]) {
      expect(verifyCodeInputSchema.parse({ email: " Asiakas@Example.com ", code })).toEqual({
        email: "asiakas@example.com",
        code: "01234567",
      });
    }
  });

  it("refuses anything else with the sign_in_code_format code", () => {
    for (const code of ["123456", "1234567", "123456789", "1234a567", ""]) {
      const result = verifyCodeInputSchema.safeParse({ email: "a@example.com", code });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("sign_in_code_format");
    }
  });
});

describe("the sign-in code's policy", () => {
  it("is its own, longer than the confirmation code's", () => {
    expect(customerSignInCodePolicy.digits).toBe(8);
    expect(signInCodePolicy.digits).toBe(6);
  });

  it("groups the code in fours for the mail", () => {
    expect(groupSignInCode("01234567")).toBe("0123 4567");
  });
});

describe("verifyLinkInputSchema", () => {
  it("accepts an id and a 128-bit secret in base32, and nothing else", () => {
    const link = `${"a".repeat(24)}.${"b".repeat(26)}`;
    expect(verifyLinkInputSchema.parse({ link: ` ${link} ` })).toEqual({ link });
    for (const bad of ["", "abc", `${"a".repeat(24)}.${"b".repeat(25)}`, `${"A".repeat(24)}.${"b".repeat(26)}`]) {
      expect(verifyLinkInputSchema.safeParse({ link: bad }).error?.issues[0]?.message).toBe("sign_in_link_invalid");
    }
  });
});
