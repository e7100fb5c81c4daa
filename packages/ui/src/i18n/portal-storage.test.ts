import { portalStorage } from "@tietoni/domain";
import { describe, expect, it } from "vitest";
import { LOCALE_STORAGE_KEY } from "./create-i18n.tsx";

describe("the portal's statement of what it stores", () => {
  it("names the key the language choice is really kept under", () => {
    expect(LOCALE_STORAGE_KEY).toBe(portalStorage.languageStorageKey);
  });
});
