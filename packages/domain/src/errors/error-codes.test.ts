import { describe, expect, it } from "vitest";
import { errorMessages, errorText } from "./error-codes.ts";

describe("error messages", () => {
  it("exist in Finnish and English for every code", () => {
    for (const [code, text] of Object.entries(errorMessages)) {
      expect(text.fi, code).not.toBe("");
      expect(text.en, code).not.toBe("");
      expect(text.fi, code).not.toBe(text.en);
    }
  });

  it("fall back to the generic input error for an unknown code", () => {
    expect(errorText("no_such_code", "en")).toBe(errorMessages.invalid_input.en);
    expect(errorText("email_invalid", "fi")).toBe(errorMessages.email_invalid.fi);
  });
});
