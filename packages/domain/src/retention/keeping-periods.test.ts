import { describe, expect, it } from "vitest";
import { keepingPeriods, monthsBefore, purgeCutoffs } from "./keeping-periods.ts";

const at = (iso: string) => Date.parse(iso);

describe("keeping periods of the portal's own data", () => {
  it("keeps the sign-in history 12 calendar months", () => {
    expect(keepingPeriods.signInHistoryMonths).toBe(12);
    const now = at("2026-11-25T10:00:00.000Z");
    expect(new Date(purgeCutoffs(now, { idleTimeoutMs: 1, absoluteLifetimeMs: 1 }).signInsBefore).toISOString()).toBe(
      "2025-11-25T10:00:00.000Z",
    );
  });

  it("counts calendar months, moving a day the month lacks to its last day", () => {
    expect(new Date(monthsBefore(at("2028-02-29T12:00:00.000Z"), 12)).toISOString()).toBe("2027-02-28T12:00:00.000Z");
    expect(new Date(monthsBefore(at("2026-03-31T00:00:00.000Z"), 1)).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(new Date(monthsBefore(at("2026-01-15T08:30:00.000Z"), 12)).toISOString()).toBe("2025-01-15T08:30:00.000Z");
  });

  it("ends sessions on the session policy, and spent codes and old counters on their periods", () => {
    const now = at("2026-11-25T10:00:00.000Z");
    const cut = purgeCutoffs(now, { idleTimeoutMs: 30 * 60_000, absoluteLifetimeMs: 12 * 3_600_000 });
    expect(cut.sessionsIdleSince).toBe(now - 30 * 60_000);
    expect(cut.sessionsCreatedBefore).toBe(now - 12 * 3_600_000);
    expect(cut.spentBefore).toBe(now - 24 * 3_600_000);
    expect(cut.countersBefore).toBe(now - 7 * 24 * 3_600_000);
  });

  it("purges at least hourly and keeps counters longer than a day's window", () => {
    expect(keepingPeriods.purgeEveryMs).toBeLessThanOrEqual(3_600_000);
    expect(keepingPeriods.limitCountersMs).toBeGreaterThanOrEqual(24 * 3_600_000);
  });
});
