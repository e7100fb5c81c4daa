import { describe, expect, it } from "vitest";
import { type RequestDetails, requestCandidate } from "./request-details.tsx";

const typed: RequestDetails = {
  field: "lastName",
  newValue: "Virtanen",
  reason: "Married",
  ground: "accuracyContested",
  text: "t",
};

describe("requestCandidate", () => {
  it("takes only a rectification's own details", () => {
    expect(requestCandidate("rectification", typed)).toEqual({
      type: "rectification",
      field: "lastName",
      newValue: "Virtanen",
      reason: "Married",
    });
  });

  it("takes the ground and the text of a restriction", () => {
    expect(requestCandidate("restriction", typed)).toEqual({
      type: "restriction",
      ground: "accuracyContested",
      text: "t",
    });
  });

  it("leaves what was typed for another type behind", () => {
    expect(requestCandidate("objection", typed)).toEqual({ type: "objection", text: "t" });
    expect(requestCandidate(null, typed)).toEqual({ type: null, text: "t" });
  });
});
