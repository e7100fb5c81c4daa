import fs from "node:fs";
import { pipeline, Readable } from "node:stream";
import {
  type ErrorCode,
  type ImportKind,
  interchangeCsvColumns,
  requiredCsvColumns,
  requiredUpdateServiceColumns,
  UPDATED_AT,
  updateServiceColumns,
} from "@tietoni/domain";
import { CsvError, parse } from "csv-parse";

/*
 * Reading an import file as a stream of rows, never the whole file (or a whole line) in memory: the bytes are
 * decoded as strict UTF-8, CSV is parsed by csv-parse with a record-size cap, JSON Lines are split here with the same
 * cap. What makes the file unreadable as a whole (encoding, delimiter, header, a line over the cap, broken quoting)
 * is thrown as an `ImportFileError`; what is wrong with one row is the caller's to decide.
 */

/** The longest line (or CSV record) read, in characters: a longer one stops the file before it is buffered. */
export const MAX_LINE_CHARS = 1024 * 1024;

export class ImportFileError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly line: number | null,
    readonly field: string | null = null,
  ) {
    super(`${code}${line === null ? "" : ` at line ${line}`}${field ? ` (${field})` : ""}`);
  }
}

/** One data row: its line number, and its cells keyed by the header (CSV) or the parsed line (JSON Lines). */
export type FileRow = { line: number } & ({ cells: Record<string, string> } | { json: unknown });

const CSV_COLUMNS: Record<Exclude<ImportKind, "records_jsonl">, { known: Set<string>; required: readonly string[] }> = {
  customers_csv: { known: new Set<string>([...interchangeCsvColumns, UPDATED_AT]), required: requiredCsvColumns },
  update_service_csv: { known: new Set<string>(updateServiceColumns), required: requiredUpdateServiceColumns },
};

/** How many bytes are peeked to tell the kind of a file. */
const PEEK_BYTES = 64 * 1024;

/**
 * The kind of a file: `.jsonl`/`.ndjson` are records; a CSV is customers when its header names `external_id`, an
 * update service's file when it names `customer_reference`. Undefined when neither.
 */
export async function detectKind(filePath: string, fileName: string): Promise<ImportKind | undefined> {
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return "records_jsonl";
  const handle = await fs.promises.open(filePath, "r");
  try {
    const buffer = Buffer.alloc(PEEK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, PEEK_BYTES, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    const header = (head.split(/\r?\n/, 1)[0] ?? "").split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ""));
    if (header.includes("external_id")) return "customers_csv";
    if (header.includes("customer_reference")) return "update_service_csv";
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * The file's text in chunks, decoded as strict UTF-8: a UTF-16 byte-order mark, a byte sequence that is not UTF-8
 * or a NUL character (UTF-16 without a mark) is an `import_encoding` error at the line it is on.
 */
async function* utf8Chunks(filePath: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let line = 1;
  let first = true;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
        throw new ImportFileError("import_encoding", 1);
      }
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new ImportFileError("import_encoding", line + countNewlineBytes(chunk, firstInvalidUtf8(chunk)));
    }
    const nul = text.indexOf("\u0000");
    if (nul >= 0) throw new ImportFileError("import_encoding", line + countNewlines(text, nul));
    line += countNewlines(text, text.length);
    yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new ImportFileError("import_encoding", line);
  }
}

/** Where the first byte that cannot start or continue a UTF-8 sequence is (to name its line), or the end. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return bytes.length;
      if ((next & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return bytes.length;
}

function countNewlineBytes(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The rows of a file of `kind`, in order; throws `ImportFileError` when the file as a whole cannot be read. */
export function fileRows(filePath: string, kind: ImportKind): AsyncGenerator<FileRow> {
  return kind === "records_jsonl" ? jsonLines(filePath) : csvRows(filePath, CSV_COLUMNS[kind]);
}

async function* jsonLines(filePath: string): AsyncGenerator<FileRow> {
  let pending = "";
  let line = 0;
  let sawAny = false;
  const emit = (text: string): FileRow | null => {
    line++;
    const trimmed = text.trim();
    if (trimmed === "") return null;
    sawAny = true;
    try {
      return { line, json: JSON.parse(trimmed) };
    } catch {
      return { line, json: INVALID_JSON };
    }
  };
  for await (const chunk of utf8Chunks(filePath)) {
    let start = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", start)) {
      const piece = chunk.slice(start, nl);
      if (pending.length + piece.length > MAX_LINE_CHARS) throw new ImportFileError("import_line_too_long", line + 1);
      const row = emit(pending + piece);
      pending = "";
      start = nl + 1;
      if (row) yield row;
    }
    pending += chunk.slice(start);
    // The line is refused as soon as it passes the cap: a 2 GB line is never held.
    if (pending.length > MAX_LINE_CHARS) throw new ImportFileError("import_line_too_long", line + 1);
  }
  const last = emit(pending);
  if (last) yield last;
  if (!sawAny) throw new ImportFileError("import_empty", null);
}

/** The value a JSON line that does not parse stands for: the caller refuses its row (`import_json_invalid`). */
export const INVALID_JSON = Symbol("invalid JSON");

async function* csvRows(
  filePath: string,
  columns: { known: Set<string>; required: readonly string[] },
): AsyncGenerator<FileRow> {
  const parser = parse({
    bom: true,
    delimiter: ",",
    max_record_size: MAX_LINE_CHARS,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  // pipeline, not pipe: a decoding error destroys the parser with it, so the loop below ends with that error.
  pipeline(Readable.from(utf8Chunks(filePath)), parser, () => {});
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === null) {
        header = checkHeader(record, columns);
        continue;
      }
      if (record.length !== header.length) {
        yield { line: info.lines, cells: { [CELL_COUNT]: String(record.length) } };
        continue;
      }
      const cells: Record<string, string> = {};
      header.forEach((name, i) => {
        cells[name] = record[i] ?? "";
      });
      yield { line: info.lines, cells };
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    // csv-parse's own errors carry the line they stopped at.
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? null;
      throw new ImportFileError(
        err.code === "CSV_MAX_RECORD_SIZE" ? "import_line_too_long" : "import_csv_malformed",
        line,
      );
    }
    throw err;
  } finally {
    parser.destroy();
  }
  if (header === null) throw new ImportFileError("import_empty", null);
}

/** A row whose cell count differs from the header's: the caller refuses it (`import_cell_count`). */
export const CELL_COUNT = "\u0000cell_count";

function checkHeader(record: string[], columns: { known: Set<string>; required: readonly string[] }): string[] {
  const header = record.map((c) => c.trim());
  if (header.length === 1 && /[;\t]/.test(header[0] ?? "")) throw new ImportFileError("import_delimiter", 1);
  const seen = new Set<string>();
  for (const name of header) {
    if (!columns.known.has(name)) throw new ImportFileError("import_column_unknown", 1, name);
    if (seen.has(name)) throw new ImportFileError("import_column_repeated", 1, name);
    seen.add(name);
  }
  for (const name of columns.required) {
    if (!seen.has(name)) throw new ImportFileError("import_column_missing", 1, name);
  }
  return header;
}
