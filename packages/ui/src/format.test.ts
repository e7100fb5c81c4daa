import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney } from "./format.ts";

// Intl separates digit groups and the currency sign with no-break spaces; compare with plain ones.
const plain = (text: string) => text.replace(/\s/g, " ");

describe("formatDate", () => {
  it("writes a calendar day the Finnish and the English way", () => {
    expect(formatDate("2021-04-28", "fi")).toBe("28.4.2021");
    expect(formatDate("2021-04-28", "en")).toBe("28 Apr 2021");
  });

  it("does not shift a date without time by the time zone", () => {
    expect(formatDate("2021-12-31", "fi")).toBe("31.12.2021");
  });

  it("gives an instant the day it was in Finland", () => {
    // 22:30 UTC is already the next day in Helsinki (UTC+3 in summer).
    expect(formatDate("2021-04-28T22:30:00Z", "fi")).toBe("29.4.2021");
  });

  it("passes an unreadable value through instead of showing Invalid Date", () => {
    expect(formatDate("not a date", "en")).toBe("not a date");
  });
});

describe("formatDateTime", () => {
  it("shows Finnish time in both languages", () => {
    expect(formatDateTime("2021-04-28T11:05:00Z", "fi")).toBe("28.4.2021 klo 14.05");
    expect(formatDateTime("2021-04-28T11:05:00Z", "en")).toBe("28 Apr 2021, 14:05");
  });

  it("passes an unreadable value through", () => {
    expect(formatDateTime("", "fi")).toBe("");
  });
});

describe("formatMoney", () => {
  it("reads cents as minor units", () => {
    expect(plain(formatMoney(123450, "EUR", "fi"))).toBe("1 234,50 €");
    expect(formatMoney(1234, "EUR", "en")).toBe("€12.34");
  });

  it("falls back to a plain amount for a currency code Intl refuses", () => {
    expect(formatMoney(1050, "not-a-currency", "en")).toBe("10.50 not-a-currency");
  });
});
