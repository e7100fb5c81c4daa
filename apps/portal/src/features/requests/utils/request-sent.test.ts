import { describe, expect, it } from "vitest";
import { readRequestSent, requestSentState } from "./request-sent.ts";

describe("request sent state", () => {
  it("reads back what was written", () => {
    const sent = { type: "erasure", dueOn: "2026-01-31" } as const;
    expect(readRequestSent(requestSentState(sent))).toEqual(sent);
  });

  it("is null after a reload or for a bookmark", () => {
    expect(readRequestSent(null)).toBeNull();
    expect(readRequestSent({})).toBeNull();
  });

  it("is null for a state that is not ours", () => {
    expect(readRequestSent({ requestSent: { type: "teleport", dueOn: "2026-01-31" } })).toBeNull();
    expect(readRequestSent({ requestSent: { type: "erasure", dueOn: 20260131 } })).toBeNull();
  });
});
