import { describe, expect, it } from "vitest";
import {
  allObjections,
  diffObjections,
  gpcSignalApplies,
  marketingPurposes,
  mayUseFor,
  noObjections,
  objectToAll,
} from "./marketing.ts";

const subject = { objections: noObjections(), restricted: false, anonymised: false, suppressed: false };

describe("mayUseFor", () => {
  it("allows a purpose nobody objected to", () => {
    expect(mayUseFor("directAdvertising", subject)).toEqual({ allowed: true });
  });

  it("refuses a purpose the customer objected to, and only that one", () => {
    const s = { ...subject, objections: { ...noObjections(), listPublication: true } };
    expect(mayUseFor("listPublication", s)).toEqual({ allowed: false, reasons: ["objected"] });
    expect(mayUseFor("directAdvertising", s)).toEqual({ allowed: true });
  });

  it("refuses every purpose while processing is restricted, after erasure and for a suppressed address", () => {
    for (const purpose of marketingPurposes) {
      expect(mayUseFor(purpose, { ...subject, restricted: true })).toEqual({ allowed: false, reasons: ["restricted"] });
      expect(mayUseFor(purpose, { ...subject, anonymised: true, suppressed: true })).toEqual({
        allowed: false,
        reasons: ["erased", "suppressed"],
      });
    }
  });
});

describe("objection changes", () => {
  it("records only real changes, the last word per purpose winning", () => {
    const current = { ...noObjections(), marketResearch: true };
    expect(
      diffObjections(current, [
        { purpose: "marketResearch", objected: true },
        { purpose: "opinionPolls", objected: true },
        { purpose: "opinionPolls", objected: false },
        { purpose: "directAdvertising", objected: true },
      ]),
    ).toEqual([{ purpose: "directAdvertising", from: false, to: true }]);
  });

  it("objects to all: every purpose not yet objected to", () => {
    const current = { ...noObjections(), marketResearch: true };
    expect(objectToAll(current).map((c) => c.purpose)).toEqual(marketingPurposes.filter((p) => p !== "marketResearch"));
    expect(objectToAll(allObjections(true))).toEqual([]);
  });
});

describe("gpcSignalApplies", () => {
  it("applies when the signal was never recorded, or nothing was withdrawn since", () => {
    expect(gpcSignalApplies([])).toBe(true);
    expect(gpcSignalApplies([{ channel: "gpc", to: true, at: "2026-11-01T10:00:00.000Z" }])).toBe(true);
  });

  it("respects a withdrawal made in the portal after the signal was recorded", () => {
    const history = [
      { channel: "gpc" as const, to: true, at: "2026-11-01T10:00:00.000Z" },
      { channel: "portal" as const, to: false, at: "2026-11-01T10:05:00.000Z" },
    ];
    expect(gpcSignalApplies(history)).toBe(false);
    expect(gpcSignalApplies([...history, { channel: "gpc", to: true, at: "2026-11-02T09:00:00.000Z" }])).toBe(true);
  });
});
