import { type ExportFormat, exportRegister, helsinkiDate, iso, type Locale, type SessionPolicy } from "@tietoni/domain";
import type { Db, SnapshotSlot } from "../../db/port.ts";
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
// past it, or PostgreSQL's VACUUM from removing the row versions it may see), so the slots are few. Three slow
// readers must not hold them all (issue 11): one download at a time per customer (a person fetches one file, then
// the next; the formats hold the same data), two at a time per client address (two people of one household or
// office; an IPv6 client counted by its /64), and a reader that takes no bytes for `idleMs` loses its download and
// its slot (pull-stream.ts). Issue 16: the slots belong to the database (db/port.ts `SnapshotSlot`), so several
// instances on one PostgreSQL share the caps instead of each granting its own.
export const exportLimits = { total: 8, perCustomer: 1, perAddress: 2 } as const;

/** The slots one export takes, in the order a refusal is reported. */
function exportSlots(customerId: string, address: string | null): SnapshotSlot[] {
  return [
    { name: `export:customer:${customerId}`, limit: exportLimits.perCustomer },
    ...(address === null ? [] : [{ name: `export:address:${address}`, limit: exportLimits.perAddress }]),
    { name: "export", limit: exportLimits.total },
  ];
}

const refusalOf = (slot: string) =>
  slot.startsWith("export:customer:") ? "customer_busy" : slot.startsWith("export:address:") ? "address_busy" : "busy";

let running = 0;

/**
 * How many exports this process is streaming now (tests use it to see that a cancelled one let go of its
 * snapshot); the caps themselves are counted by the database.
 */
export function runningExports(): number {
  return running;
}

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
export async function startExport(options: StartExport): Promise<StartedExport> {
  const { customerId, format, locale, now } = options;
  const address = options.ip === null ? null : rateLimitAddress(options.ip);
  // Issue 15 E: every refusal is counted by its reason, so an operator sees "busy" rising before customers complain.
  const refuse = (reason: "busy" | "customer_busy" | "address_busy" | "not_found"): StartedExport => {
    countExport("refused", reason);
    return { ok: false, reason };
  };
  const reader = await openExportReader({ ...options, slots: exportSlots(customerId, address) });
  if (!reader) return refuse("not_found");
  if ("full" in reader) return refuse(refusalOf(reader.full));
  running++;
  countExport("started");
  const release = async (end: StreamEnd) => {
    try {
      await reader.close();
    } finally {
      running--;
      if (end === "completed") countExport("completed");
      else countExport("interrupted", end);
    }
  };

  const generatedAt = iso(now);
  const meta = {
    generatedAt,
    // The notice as the export carries it: copied and checked per download (a parse of one small object).
    register: exportRegister(registerDescription),
    noticeVersion: await reader.noticeVersion().catch(async (error: unknown) => {
      await release("failed");
      throw error;
    }),
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
