import { describe, expect, it } from "vitest";
import { dueStatus, registerRequestInputSchema } from "./request-desk.ts";

describe("dueStatus", () => {
  it("is ok with more than a quarter of the period left, amber under a quarter, red when overdue", () => {
    // 1 Mar → 1 Apr is 31 days; a quarter is 7.75 days.
    expect(dueStatus("2026-03-01", "2026-04-01", "2026-03-20")).toBe("ok");
    expect(dueStatus("2026-03-01", "2026-04-01", "2026-03-24")).toBe("ok");
    expect(dueStatus("2026-03-01", "2026-04-01", "2026-03-25")).toBe("soon");
    expect(dueStatus("2026-03-01", "2026-04-01", "2026-04-01")).toBe("soon");
    expect(dueStatus("2026-03-01", "2026-04-01", "2026-04-02")).toBe("overdue");
  });
});

describe("registering a paper request", () => {
  it("takes the day it was received and refuses the portal channel", () => {
    const base = { customerId: "c0000001", receivedOn: "2026-11-02", request: { type: "other", text: "Kirje" } };
    expect(registerRequestInputSchema.safeParse({ ...base, channel: "paper" }).success).toBe(true);
    expect(registerRequestInputSchema.safeParse({ ...base, channel: "portal" }).success).toBe(false);
    expect(registerRequestInputSchema.safeParse({ ...base, channel: "paper", receivedOn: "2.11.2026" }).success).toBe(
      false,
    );
  });
});
