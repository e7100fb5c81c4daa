import { describe, expect, it } from "vitest";
import { type RequestStatisticsFacts, requestStatistics, requestStatisticsQuerySchema } from "./request-statistics.ts";

const request = (over: Partial<RequestStatisticsFacts>): RequestStatisticsFacts => ({
  type: "access",
  state: "received",
  receivedOn: "2026-10-05",
  dueOn: "2026-11-05",
  decidedOn: null,
  extended: false,
  ...over,
});

describe("request statistics (issue 14 G)", () => {
  it("counts received, completed, refused, extended and overdue per month of receipt and type", () => {
    const rows = requestStatistics(
      [
        // October, access: answered in 3 days, in 10 days (late? no), refused after the deadline, one still open
        // past its deadline, one open within it, one cancelled past it (never owed an answer: not overdue).
        request({ state: "completed", decidedOn: "2026-10-08" }),
        request({ state: "completed", decidedOn: "2026-10-15" }),
        request({ state: "refused", decidedOn: "2026-11-06" }),
        request({ state: "inProgress" }),
        request({ state: "received", receivedOn: "2026-10-30", dueOn: "2026-11-30" }),
        request({ state: "cancelled" }),
        // October, erasure: extended, then completed within the extended deadline.
        request({
          type: "erasure",
          state: "completed",
          extended: true,
          dueOn: "2027-01-05",
          decidedOn: "2026-12-01",
        }),
        // September, access.
        request({ receivedOn: "2026-09-30", dueOn: "2026-10-30", state: "completed", decidedOn: "2026-10-01" }),
      ],
      "2026-11-10",
    );
    expect(rows).toEqual([
      {
        month: "2026-09",
        type: "access",
        received: 1,
        completed: 1,
        refused: 0,
        extended: 0,
        overdue: 0,
        medianDaysToAnswer: 1,
      },
      {
        month: "2026-10",
        type: "access",
        received: 6,
        completed: 2,
        refused: 1,
        extended: 0,
        overdue: 2,
        // 3, 10 and 32 days: the middle one.
        medianDaysToAnswer: 10,
      },
      {
        month: "2026-10",
        type: "erasure",
        received: 1,
        completed: 1,
        refused: 0,
        extended: 1,
        overdue: 0,
        medianDaysToAnswer: 57,
      },
    ]);
  });

  it("takes the mean of the two middle answer times when their count is even, and null when none was decided", () => {
    const rows = requestStatistics(
      [
        request({ state: "completed", decidedOn: "2026-10-06" }),
        request({ state: "completed", decidedOn: "2026-10-09" }),
        request({ type: "objection" }),
      ],
      "2026-10-10",
    );
    expect(rows.map((r) => [r.type, r.medianDaysToAnswer])).toEqual([
      ["access", 2.5],
      ["objection", null],
    ]);
  });

  it("counts a pending request overdue only after its deadline day, Helsinki calendar days", () => {
    const onTheDay = requestStatistics([request({ dueOn: "2026-11-05" })], "2026-11-05");
    const dayAfter = requestStatistics([request({ dueOn: "2026-11-05" })], "2026-11-06");
    expect([onTheDay[0]?.overdue, dayAfter[0]?.overdue]).toEqual([0, 1]);
  });

  it("refuses a period whose start is after its end", () => {
    expect(
      requestStatisticsQuerySchema.safeParse({ from: "2026-10-01", to: "2026-09-30" }).error?.issues[0]?.message,
    ).toBe("statistics_period_invalid");
    expect(requestStatisticsQuerySchema.safeParse({ from: "2026-10-01", to: "2026-10-01" }).success).toBe(true);
  });
});
