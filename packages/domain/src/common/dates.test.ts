import { describe, expect, it } from "vitest";
import { iso } from "./dates.ts";

describe("iso", () => {
  it("shows a stored timestamp in UTC and keeps a missing one missing", () => {
    expect(iso(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe("2026-01-02T03:04:05.000Z");
    expect(iso(null)).toBeNull();
  });
});
