import { translator } from "@tietoni/ui";
import { describe, expect, it } from "vitest";
import { blockerMessages, blockerText } from "./blocker-text.ts";

const en = translator(blockerMessages, "en");
const fi = translator(blockerMessages, "fi");

describe("blockerText", () => {
  it("counts invoices", () => {
    expect(blockerText(en, { ground: "openInvoice", count: 3 })).toBe("Open invoices: 3");
    expect(blockerText(fi, { ground: "debtCollection", count: 1 })).toBe("Laskuja perinnässä: 1");
  });

  it("lists the organisations of a contact person", () => {
    expect(blockerText(en, { ground: "activeContactPerson", organisations: ["Acme Oy", "Beta Ab"] })).toBe(
      "Contact person of an organisation: Acme Oy, Beta Ab",
    );
  });

  it("words a legal hold in both languages", () => {
    expect(blockerText(en, { ground: "legalHold" })).toBe("Legal hold (the law or a pending legal matter)");
    expect(blockerText(fi, { ground: "legalHold" })).toBe("Säilytysvelvoite (laki tai vireillä oleva oikeusasia)");
  });
});
