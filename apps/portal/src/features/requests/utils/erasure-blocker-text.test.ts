import type { Localized } from "@tietoni/domain";
import { describe, expect, it } from "vitest";
import { erasureBlockerText } from "./erasure-blocker-text.ts";

const fi = (text: Localized) => text.fi;
const en = (text: Localized) => text.en;

describe("erasureBlockerText", () => {
  it("says how many invoices are open", () => {
    expect(erasureBlockerText({ ground: "openInvoice", count: 2 }, en)).toBe(
      "You have open invoices (2). What the invoices need is kept until they are paid; the rest can be erased now.",
    );
  });

  it("says how many invoices are in debt collection, in Finnish too", () => {
    expect(erasureBlockerText({ ground: "debtCollection", count: 1 }, fi)).toBe(
      "Laskuja on perinnässä (1). Perinnän vaatimat tiedot säilytetään perinnän ajan; muut voidaan poistaa heti.",
    );
  });

  it("names the organisations of a contact person", () => {
    const text = erasureBlockerText({ ground: "activeContactPerson", organisations: ["Acme Oy", "Beta Ab"] }, en);
    expect(text).toContain("(Acme Oy, Beta Ab)");
  });

  it("words a legal hold without placeholders", () => {
    expect(erasureBlockerText({ ground: "legalHold" }, fi)).not.toMatch(/[{}]/);
  });
});
