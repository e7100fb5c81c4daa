import { describe, expect, it } from "vitest";
import {
  allObjections,
  diffObjections,
  gpcSignalApplies,
  heldObjectionsBarring,
  type MarketingPurpose,
  marketingPurposes,
  mayUseFor,
  noObjections,
  objectionsBarring,
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

describe("which objections bar which use", () => {
  const only = (purpose: MarketingPurpose) => ({ ...subject, objections: { ...noObjections(), [purpose]: true } });

  it("bars direct advertising, distance selling and personalised content by the umbrella direct-marketing objection", () => {
    for (const purpose of ["directAdvertising", "distanceSelling", "personalisedContent", "directMarketing"] as const) {
      expect(mayUseFor(purpose, only("directMarketing"))).toEqual({ allowed: false, reasons: ["objected"] });
    }
    // Research is not marketing addressed to the customer: the umbrella does not reach it.
    expect(mayUseFor("marketResearch", only("directMarketing"))).toEqual({ allowed: true });
    expect(mayUseFor("opinionPolls", only("directMarketing"))).toEqual({ allowed: true });
  });

  it("keeps a narrower objection narrow: advertising objected leaves distance selling and research allowed", () => {
    expect(mayUseFor("distanceSelling", only("directAdvertising"))).toEqual({ allowed: true });
    expect(mayUseFor("directMarketing", only("directAdvertising"))).toEqual({ allowed: true });
    expect(mayUseFor("marketResearch", only("opinionPolls"))).toEqual({ allowed: true });
  });

  it("bars every list (mailing labels) of a customer who banned publication in lists, but not the uses themselves", () => {
    for (const purpose of marketingPurposes) {
      expect(mayUseFor(purpose, only("listPublication"), { asList: true })).toEqual({
        allowed: false,
        reasons: ["objected"],
      });
    }
    expect(mayUseFor("directAdvertising", only("listPublication"))).toEqual({ allowed: true });
    expect(mayUseFor("marketResearch", only("listPublication"))).toEqual({ allowed: true });
  });

  it("names the barring objections in a fixed order, and the ones a customer holds", () => {
    expect(objectionsBarring("directAdvertising", { asList: true })).toEqual([
      "directAdvertising",
      "directMarketing",
      "listPublication",
    ]);
    expect(objectionsBarring("marketResearch")).toEqual(["marketResearch"]);
    const objections = { ...noObjections(), directMarketing: true, listPublication: true };
    expect(heldObjectionsBarring("distanceSelling", objections)).toEqual(["directMarketing"]);
    expect(heldObjectionsBarring("opinionPolls", objections, { asList: true })).toEqual(["listPublication"]);
  });

  it("is barred by its own objection, for every purpose, listed or not", () => {
    for (const purpose of marketingPurposes) {
      for (const asList of [false, true]) expect(objectionsBarring(purpose, { asList })).toContain(purpose);
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
