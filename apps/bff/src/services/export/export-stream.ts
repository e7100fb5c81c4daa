import { type ExportFormat, exportRegister, helsinkiDate, iso, type Locale, type SessionPolicy } from "@tietoni/domain";
import type { Db } from "../../db/port.ts";
import { rateLimitAddress } from "../../http/client-info.ts";
import { registerDescription } from "../../notice/notice.ts";
import { countExport } from "../../observability/metrics.ts";
import { csvZipExport } from "./csv-writer.ts";
import { openExportReader } from "./export-reader.ts";
import { htmlExport } from "./html-writer.ts";
import { jsonExport } from "./json-writer.ts";
import { pullStream, type StreamEnd } from "./pull-stream.ts";

const FILE_TYPES = {
  json: { extension: "json", contentType: "application/json; charset=utf-8" },
  csv: { extension: "zip", contentType: "application/zip" },
  html: { extension: "html", contentType: "text/html; charset=utf-8" },
} as const satisfies Record<ExportFormat, { extension: string; contentType: string }>;

// Each running export holds a connection and an open read snapshot (which keeps the WAL from being checkpointed
// past it), so the slots are few. Three slow readers must not hold them all (issue 11): one download at a time per
// customer (a person fetches one file, then the next; the formats hold the same data), two at a time per client
// address (two people of one household or office; an IPv6 client counted by its /64), and a reader that takes no
// bytes for `idleMs` loses its download and its slot (pull-stream.ts).
export const exportLimits = { total: 8, perCustomer: 1, perAddress: 2 } as const;
const running = new Map<string, number>();
const runningByAddress = new Map<string, number>();

/** How many exports are streaming now (tests use it to see that a cancelled one let go of its connection). */
export function runningExports(): number {
  let total = 0;
  for (const n of running.values()) total += n;
  return total;
}

const take = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
const give = (counts: Map<string, number>, key: string) => {
  const left = (counts.get(key) ?? 1) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
};

export type StartExport = {
  db: Db;
  customerId: string;
  format: ExportFormat;
  locale: Locale;
  now: number;
  sessionPolicy: SessionPolicy;
  /** The client's address (null without one): counted against `exportLimits.perAddress`. */
  ip: string | null;
  /** A reader that takes no bytes this long is cut off and its slot freed. */
  idleMs: number;
};

export type StartedExport =
  | { ok: true; body: ReadableStream<Uint8Array>; contentType: string; fileName: string }
  | { ok: false; reason: "busy" | "customer_busy" | "address_busy" | "not_found" };

/**
 * Opens the customer's snapshot and returns the download as a pull stream. The connection closes when the stream
 * ends, fails, is cancelled by the client, or idles. Rows are read only as the client pulls (one chunk ahead).
 */
export function startExport(options: StartExport): StartedExport {
  const { customerId, format, locale, now } = options;
  const address = options.ip === null ? null : rateLimitAddress(options.ip);
  // Issue 15 E: every refusal is counted by its reason, so an operator sees "busy" rising before customers complain.
  const refuse = (reason: "busy" | "customer_busy" | "address_busy" | "not_found"): StartedExport => {
    countExport("refused", reason);
    return { ok: false, reason };
  };
  if ((running.get(customerId) ?? 0) >= exportLimits.perCustomer) return refuse("customer_busy");
  if (address !== null && (runningByAddress.get(address) ?? 0) >= exportLimits.perAddress) {
    return refuse("address_busy");
  }
  if (runningExports() >= exportLimits.total) return refuse("busy");
  const reader = openExportReader(options);
  if (!reader) return refuse("not_found");
  take(running, customerId);
  if (address !== null) take(runningByAddress, address);
  countExport("started");
  const release = (end: StreamEnd) => {
    reader.close();
    give(running, customerId);
    if (address !== null) give(runningByAddress, address);
    if (end === "completed") countExport("completed");
    else countExport("interrupted", end);
  };

  const generatedAt = iso(now);
  const meta = {
    generatedAt,
    // The notice as the export carries it: copied and checked per download (a parse of one small object).
    register: exportRegister(registerDescription),
    noticeVersion: reader.noticeVersion(),
    current: { format, at: generatedAt },
  };
  const pieces =
    format === "json"
      ? jsonExport(reader, meta)
      : format === "csv"
        ? csvZipExport(reader, meta)
        : htmlExport(reader, meta, locale);
  const { extension, contentType } = FILE_TYPES[format];
  return {
    ok: true,
    body: pullStream(pieces, { onClose: release, idleMs: options.idleMs }),
    contentType,
    // Customer ids are [a-z0-9]; filtering anyway keeps the header safe without encoding.
    fileName: `tietoni-${customerId.replace(/[^A-Za-z0-9-]/g, "")}-${helsinkiDate(now)}.${extension}`,
  };
}
