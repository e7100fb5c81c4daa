import { describe, expect, it } from "vitest";
import { isRetentionDue, retentionEndsOn } from "./retention.ts";

describe("retention: 10 years from the end of the customer relationship", () => {
  it("ends on the same calendar day ten years later", () => {
    expect(retentionEndsOn("2015-06-30")).toBe("2025-06-30");
  });

  it("moves 29 February to 28 February in a common year", () => {
    expect(retentionEndsOn("2016-02-29")).toBe("2026-02-28");
    expect(retentionEndsOn("2020-02-29")).toBe("2030-02-28");
  });

  it("is due on the end day, not the day before", () => {
    expect(isRetentionDue("2015-06-30", "2025-06-29")).toBe(false);
    expect(isRetentionDue("2015-06-30", "2025-06-30")).toBe(true);
  });

  it("is never due while the relationship continues", () => {
    expect(isRetentionDue(null, "2099-01-01")).toBe(false);
  });
});
