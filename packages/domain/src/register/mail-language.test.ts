import { describe, expect, it } from "vitest";
import { locales } from "../i18n/localized.ts";
import { mailLanguage } from "./mail-language.ts";
import { registerDescription } from "./register-description.ts";

describe("mailLanguage", () => {
  it("writes to a customer in the language recorded for them", () => {
    expect(mailLanguage("en")).toBe("en");
    expect(mailLanguage("fi")).toBe("fi");
  });

  it("falls back to the register description's default when none is recorded", () => {
    expect(mailLanguage(null)).toBe(registerDescription.defaultLanguage);
    expect(mailLanguage(undefined)).toBe(registerDescription.defaultLanguage);
  });

  it("has a default that is one of the register's languages, Finnish for this notice", () => {
    expect(locales).toContain(registerDescription.defaultLanguage);
    expect(registerDescription.defaultLanguage).toBe("fi");
  });
});
