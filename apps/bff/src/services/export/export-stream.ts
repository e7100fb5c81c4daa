import {
  type ExportFormat,
  exportRegister,
  helsinkiDate,
  iso,
  type Locale,
  registerDescription,
  type SessionPolicy,
} from "@tietoni/domain";
import type { Db } from "../../db/port.ts";
import { csvZipExport } from "./csv-writer.ts";
import { openExportReader } from "./export-reader.ts";
import { htmlExport } from "./html-writer.ts";
import { jsonExport } from "./json-writer.ts";
import { pullStream } from "./pull-stream.ts";

const FILE_TYPES = {
  json: { extension: "json", contentType: "application/json; charset=utf-8" },
  csv: { extension: "zip", contentType: "application/zip" },
  html: { extension: "html", contentType: "text/html; charset=utf-8" },
} as const satisfies Record<ExportFormat, { extension: string; contentType: string }>;

// Each running export holds a connection and an open read snapshot (which keeps the WAL from being checkpointed
// past it). A customer may fetch the three formats at once; more than that in parallel is a script, not a person.
const MAX_EXPORTS = 8;
const MAX_EXPORTS_PER_CUSTOMER = 3;
const running = new Map<string, number>();

/** How many exports are streaming now (tests use it to see that a cancelled one let go of its connection). */
export function runningExports(): number {
  let total = 0;
  for (const n of running.values()) total += n;
  return total;
}

export type StartExport = {
  db: Db;
  customerId: string;
  format: ExportFormat;
  locale: Locale;
  now: number;
  sessionPolicy: SessionPolicy;
};

export type StartedExport =
  | { ok: true; body: ReadableStream<Uint8Array>; contentType: string; fileName: string }
  | { ok: false; reason: "busy" | "not_found" };

// The notice is the same for every download; copied and checked once.
const register = exportRegister(registerDescription);

/**
 * Opens the customer's snapshot and returns the download as a pull stream. The connection closes when the stream
 * ends, fails, is cancelled by the client, or idles. Rows are read only as the client pulls (one chunk ahead).
 */
export function startExport(options: StartExport): StartedExport {
  const { customerId, format, locale, now } = options;
  if (runningExports() >= MAX_EXPORTS || (running.get(customerId) ?? 0) >= MAX_EXPORTS_PER_CUSTOMER) {
    return { ok: false, reason: "busy" };
  }
  const reader = openExportReader(options);
  if (!reader) return { ok: false, reason: "not_found" };
  running.set(customerId, (running.get(customerId) ?? 0) + 1);
  const release = () => {
    reader.close();
    const left = (running.get(customerId) ?? 1) - 1;
    if (left > 0) running.set(customerId, left);
    else running.delete(customerId);
  };

  const generatedAt = iso(now);
  const meta = { generatedAt, register, current: { format, at: generatedAt } };
  const pieces =
    format === "json"
      ? jsonExport(reader, meta)
      : format === "csv"
        ? csvZipExport(reader, meta)
        : htmlExport(reader, meta, locale);
  const { extension, contentType } = FILE_TYPES[format];
  return {
    ok: true,
    body: pullStream(pieces, { onClose: release }),
    contentType,
    // Customer ids are [a-z0-9]; filtering anyway keeps the header safe without encoding.
    fileName: `tietoni-${customerId.replace(/[^A-Za-z0-9-]/g, "")}-${helsinkiDate(now)}.${extension}`,
  };
}
