import { helsinkiDate, iso } from "@tietoni/domain";
import { and, asc, count, desc, gt, lte, type SQL } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import { auditCheckpoints, auditLog, staffUsers } from "../db/schema.ts";
import {
  type AuditFilters,
  appendAudit,
  auditFilterConditions,
  byStaff,
  type StaffActor,
  staffActorOfEntry,
  trailColumns,
} from "./audit.ts";
import { yieldToEventLoop } from "./event-loop.ts";
import { csvRow, UTF8_BOM } from "./export/csv.ts";

/*
 * Issue 14 G: the audit trail exported for the data-protection officer, CSV or JSON, with the signed checkpoints
 * (issue 14 E) that anchor it. The trail grows without bound, so the file is streamed in keyset batches, each read
 * on its own and the event loop let run between them: memory stays constant and no read snapshot holds the WAL
 * for the length of a download. The rows up to the export's `throughSeq` never change (the trail is append-only),
 * so batches read at different moments still give one consistent file.
 */

export const auditExportFormats = ["csv", "json"] as const;
export type AuditExportFormat = (typeof auditExportFormats)[number];

/** The trail's filters without its paging: an export is the whole selection. */
export type AuditExportFilters = Omit<AuditFilters, "before" | "limit">;

export const AUDIT_EXPORT_BATCH = 500;

/** The page's filters (services/audit.ts), up to the entry the export was audited through. */
function filterConditions(filters: AuditExportFilters, throughSeq: number): SQL[] {
  return [lte(auditLog.seq, throughSeq), ...auditFilterConditions(filters)];
}

type ExportedEntry = {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  customerId: string | null;
  /** The stored text, byte for byte: the entry's hash covers it, so an offline verifier hashes what it reads. */
  detail: string;
  ip: string | null;
  prevHash: string;
  hash: string;
  /** The HMAC key's id (issue 14 E); null for an entry from before the trail was keyed. */
  keyId: string | null;
};

type ExportedCheckpoint = { seq: number; head: string; at: string; keyId: string; signature: string };

async function entriesAfter(r: Queries, conditions: SQL[], after: number): Promise<ExportedEntry[]> {
  const rows = await r
    .select({ ...trailColumns, prevHash: auditLog.prevHash, hash: auditLog.hash, keyId: auditLog.keyId })
    .from(auditLog)
    .leftJoin(staffUsers, staffActorOfEntry)
    .where(and(...conditions, gt(auditLog.seq, after)))
    .orderBy(asc(auditLog.seq))
    .limit(AUDIT_EXPORT_BATCH);
  return rows.map((row) => ({ ...row, at: iso(row.at) }));
}

async function checkpointsAfter(r: Queries, throughSeq: number, after: number): Promise<ExportedCheckpoint[]> {
  const rows = await r
    .select({
      seq: auditCheckpoints.seq,
      head: auditCheckpoints.head,
      at: auditCheckpoints.at,
      keyId: auditCheckpoints.keyId,
      signature: auditCheckpoints.signature,
    })
    .from(auditCheckpoints)
    .where(and(gt(auditCheckpoints.seq, after), lte(auditCheckpoints.seq, throughSeq)))
    .orderBy(asc(auditCheckpoints.seq))
    .limit(AUDIT_EXPORT_BATCH);
  return rows.map((row) => ({ ...row, at: iso(row.at) }));
}

/** Every entry of the selection, then every checkpoint up to `throughSeq`, a batch at a time. */
async function* exportBatches(
  db: Db,
  filters: AuditExportFilters,
  throughSeq: number,
): AsyncGenerator<{ entries: ExportedEntry[] } | { checkpoints: ExportedCheckpoint[] }> {
  const conditions = filterConditions(filters, throughSeq);
  let after = 0;
  for (;;) {
    const entries = await db.read((r) => entriesAfter(r, conditions, after));
    if (entries.length > 0) yield { entries };
    if (entries.length < AUDIT_EXPORT_BATCH) break;
    after = entries.at(-1)?.seq ?? after;
    await yieldToEventLoop();
  }
  // All checkpoints, whatever the filters: each anchors the whole chain up to its seq, which a filtered selection
  // is still part of.
  after = 0;
  for (;;) {
    const checkpoints = await db.read((r) => checkpointsAfter(r, throughSeq, after));
    if (checkpoints.length > 0) yield { checkpoints };
    if (checkpoints.length < AUDIT_EXPORT_BATCH) return;
    after = checkpoints.at(-1)?.seq ?? after;
    await yieldToEventLoop();
  }
}

/**
 * The CSV is one file with one header: entry rows, then the checkpoints as trailing rows marked `checkpoint` in the
 * first column, their head in `hash`. One download, one audit entry and one moment, and still a valid RFC 4180 file
 * that any CSV reader parses and a spreadsheet filters by `record`; a second file would need an archive format (a
 * dependency) or a second request (a second moment, with entries in between). JSON is the format to verify from:
 * the CSV guards cells against formula injection, which may prefix a base64 signature beginning with "+".
 */
export const AUDIT_EXPORT_CSV_HEADER = [
  "record",
  "seq",
  "at",
  "actor_type",
  "actor_id",
  "actor_name",
  "actor_role",
  "action",
  "customer_id",
  "detail",
  "ip",
  "prev_hash",
  "hash",
  "key_id",
  "signature",
];

function csvEntry(e: ExportedEntry): string {
  return csvRow([
    "entry",
    e.seq,
    e.at,
    e.actorType,
    e.actorId,
    e.actorName,
    e.actorRole,
    e.action,
    e.customerId,
    e.detail,
    e.ip,
    e.prevHash,
    e.hash,
    e.keyId,
    null,
  ]);
}

function csvCheckpoint(c: ExportedCheckpoint): string {
  return csvRow([
    "checkpoint",
    c.seq,
    c.at,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    c.head,
    c.keyId,
    c.signature,
  ]);
}

export type AuditExport = {
  body: ReadableStream<Uint8Array>;
  filename: string;
  contentType: string;
};

/**
 * Exports the trail. The export is audited (`audit.exported`: format, filters, how many entries and checkpoints,
 * through which seq) and committed BEFORE the first byte is produced: a download cut short, or one whose reader
 * never finishes, is in the trail all the same. The count is taken in that transaction, up to the head it read, and
 * the file holds exactly those entries: the export's own entry and any written while it streams come after.
 */
export async function exportAuditTrail(
  db: Db,
  actor: StaffActor,
  filters: AuditExportFilters,
  format: AuditExportFormat,
  now: number,
): Promise<AuditExport> {
  const summary = await db.transaction(async (tx) => {
    const head = await tx.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
    const throughSeq = head?.seq ?? 0;
    const entries =
      (
        await tx
          .select({ n: count() })
          .from(auditLog)
          .where(and(...filterConditions(filters, throughSeq)))
          .get()
      )?.n ?? 0;
    const checkpoints =
      (await tx.select({ n: count() }).from(auditCheckpoints).where(lte(auditCheckpoints.seq, throughSeq)).get())?.n ??
      0;
    await appendAudit(
      tx,
      byStaff(actor, { action: "audit.exported", detail: { format, filters, entries, checkpoints, throughSeq } }),
      now,
    );
    return { throughSeq, entries, checkpoints };
  });

  const batches = exportBatches(db, filters, summary.throughSeq);
  const encoder = new TextEncoder();
  const exportedAt = iso(now);
  // JSON: the list separators depend on what came before; the arrays open and close as the batches change kind.
  let section: "start" | "entries" | "checkpoints" = "start";
  let first = true;
  const jsonOpening = () =>
    `{"format":"tietoni-audit-export v1","exportedAt":${JSON.stringify(exportedAt)},"filters":${JSON.stringify(
      filters,
    )},"throughSeq":${summary.throughSeq},"entryCount":${summary.entries},"checkpointCount":${summary.checkpoints},"entries":[`;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(
        encoder.encode(format === "csv" ? `${UTF8_BOM}${csvRow(AUDIT_EXPORT_CSV_HEADER)}` : jsonOpening()),
      );
      section = "entries";
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        if (format === "json") {
          controller.enqueue(encoder.encode(section === "entries" ? `\n],"checkpoints":[\n]}\n` : `\n]}\n`));
        }
        controller.close();
        return;
      }
      const batch = next.value;
      if (format === "csv") {
        const text =
          "entries" in batch ? batch.entries.map(csvEntry).join("") : batch.checkpoints.map(csvCheckpoint).join("");
        controller.enqueue(encoder.encode(text));
        return;
      }
      let text = "";
      if ("checkpoints" in batch && section === "entries") {
        text += `\n],"checkpoints":[`;
        section = "checkpoints";
        first = true;
      }
      const items: unknown[] = "entries" in batch ? batch.entries : batch.checkpoints;
      for (const item of items) {
        text += `${first ? "\n" : ",\n"}${JSON.stringify(item)}`;
        first = false;
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = helsinkiDate(now);
  return {
    body,
    filename: `audit-trail-${day}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
  };
}
