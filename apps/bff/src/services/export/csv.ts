export type Cell = string | number | boolean | null;

/** Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field. Text that a spreadsheet would read as a formula gets a leading apostrophe, so a value the
 * customer (or anyone) typed can never run when the file is opened; numbers are written as they are.
 */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** Excel needs the byte order mark to read UTF-8 (ä, ö) correctly. */
export const UTF8_BOM = "\uFEFF";
