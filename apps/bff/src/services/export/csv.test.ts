import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv.ts";

describe("csvCell", () => {
  it("quotes only what RFC 4180 requires, doubling inner quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(1990)).toBe("1990");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(false)).toBe("false");
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvCell(`${start}SUM(A1)`).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell('=HYPERLINK("https://evil.example","x")')).toBe(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("keeps a phone number as the customer wrote it: no apostrophe before its +", () => {
    expect(csvCell("+358401234567")).toBe('"+358401234567"');
    expect(csvCell("+358 40 123 4567")).toBe('"+358 40 123 4567"');
    expect(csvCell("-5")).toBe('"-5"');
  });

  it("still neutralises a formula that starts with + or -, and =, @, tab or CR", () => {
    expect(csvCell('=HYPERLINK("https://evil.example","x")')).toBe(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(csvCell("+SUM(1)")).toBe("'+SUM(1)");
    expect(csvCell("-1+1")).toBe("'-1+1");
    expect(csvCell("+358 40 123 4567+1")).toBe("'+358 40 123 4567+1");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
  });

  it("ends each record with CRLF", () => {
    expect(csvRow(["a", 1, null, true])).toBe("a,1,,true\r\n");
  });
});
