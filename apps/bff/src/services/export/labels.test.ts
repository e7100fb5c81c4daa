import type { Localized } from "@tietoni/domain";
import { describe, expect, it } from "vitest";
import * as dictionaries from "./labels.ts";

const isLocalized = (value: unknown): value is Localized =>
  typeof value === "object" && value !== null && "fi" in value && "en" in value;

describe("export labels", () => {
  it("has a non-empty Finnish and English text for every label", () => {
    const missing: string[] = [];
    for (const [name, dictionary] of Object.entries(dictionaries)) {
      if (Array.isArray(dictionary)) continue;
      for (const [key, value] of Object.entries(dictionary)) {
        if (!isLocalized(value) || value.fi.trim() === "" || value.en.trim() === "") missing.push(`${name}.${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
