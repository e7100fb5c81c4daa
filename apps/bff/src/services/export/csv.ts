export type Cell = string | number | boolean | null;

/**
 * A plain signed number: a sign, then digit groups separated by single spaces or dots ("+358 40 123 4567",
 * "+358401234567", "-5", "-1.5"). A spreadsheet reads it as a number or as text, never as a formula that calls
 * anything, so it is written as the customer gave it. Anything else after the sign ("+SUM(1)", "-1+1") is not.
 */
const PLAIN_SIGNED_NUMBER = /^[+-]\d+(?:[ .]\d+)*$/;

/**
 * Whether a spreadsheet would run the text as a formula (CSV injection): a leading =, @, tab or carriage return
 * always; a leading + or - unless a plain signed number follows (a phone number in international format).
 */
export function runsAsFormula(text: string): boolean {
  if (/^[=@\t\r]/.test(text)) return true;
  return /^[+-]/.test(text) && !PLAIN_SIGNED_NUMBER.test(text);
}

/**
 * One RFC 4180 field. Text that a spreadsheet would run as a formula gets a leading apostrophe, so a value the
 * customer (or anyone) typed can never run when the file is opened; a signed number such as a phone number keeps its
 * "+" and is quoted instead, which spreadsheet imports that read quoted fields as text keep as written. Numbers are
 * written as they are.
 */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = runsAsFormula(value) ? `'${value}` : value;
  return /^[+-]|[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** Excel needs the byte order mark to read UTF-8 (ä, ö) correctly. */
export const UTF8_BOM = "\uFEFF";
