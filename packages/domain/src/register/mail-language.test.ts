import { describe, expect, it } from "vitest";
import { mailLanguage } from "./mail-language.ts";

describe("mailLanguage", () => {
  it("writes to a customer in the language recorded for them, whatever the notice's default", () => {
    expect(mailLanguage("en", "fi")).toBe("en");
    expect(mailLanguage("fi", "en")).toBe("fi");
  });

  it("falls back to the notice's default language when none is recorded", () => {
    expect(mailLanguage(null, "fi")).toBe("fi");
    expect(mailLanguage(undefined, "en")).toBe("en");
  });
});
