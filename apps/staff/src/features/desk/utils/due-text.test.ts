import { translator } from "@tietoni/ui";
import { describe, expect, it } from "vitest";
import { deskMessages } from "../messages.ts";
import { dueText } from "./due-text.ts";

const en = translator(deskMessages, "en");
const fi = translator(deskMessages, "fi");

describe("dueText", () => {
  it("says a decided request is closed", () => {
    expect(dueText(en, null, null)).toBe("Closed");
  });

  it("counts the days left", () => {
    expect(dueText(en, 20, "ok")).toBe("20 days left");
    expect(dueText(fi, 20, "ok")).toBe("20 pv jäljellä");
  });

  it("warns when the deadline is near, with one day and the last day worded apart", () => {
    expect(dueText(en, 5, "soon")).toBe("Due soon: 5 days left");
    expect(dueText(en, 1, "soon")).toBe("Due soon: 1 day left");
    expect(dueText(en, 0, "soon")).toBe("Due soon: due today");
  });

  it("counts overdue days as positive", () => {
    expect(dueText(en, -3, "overdue")).toBe("Overdue by 3 days");
    expect(dueText(en, -1, "overdue")).toBe("Overdue by 1 day");
    expect(dueText(fi, -3, "overdue")).toBe("Myöhässä 3 pv");
  });
});
