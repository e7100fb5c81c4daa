import { type ExportFormat, iso, type Locale } from "@tietoni/domain";
import { desc, eq } from "drizzle-orm";
import type { Queries } from "../../db/port.ts";
import { downloads } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { appendAudit } from "../audit.ts";
import { fail, notFound, type Result } from "../result.ts";
import { startExport } from "./export-stream.ts";

/*
 * "Download my data" (Art. 15 and 20): each download streams from a read-only snapshot of its own
 * (export-stream.ts) and is recorded for the customer, who sees the list of their downloads.
 */

export type Download = { body: ReadableStream<Uint8Array>; contentType: string; fileName: string };

const refusals = {
  customer_busy: "export_in_progress",
  address_busy: "export_address_busy",
  busy: "export_busy",
} as const;

/**
 * Starts the customer's download and records it, with its audit entry, in one transaction. Refused (429) while
 * the customer's previous download still runs, while their address has two running, or when all slots are taken;
 * 404 when the customer is gone. Unrecorded means undelivered: if the record cannot be written, the snapshot is
 * released and the error goes up.
 */
export async function startDownload(
  { db, env, now }: Pick<Deps, "db" | "env" | "now">,
  customerId: string,
  format: ExportFormat,
  locale: Locale,
  ip: string | null = null,
): Promise<Result<Download>> {
  const at = now();
  const started = await startExport({
    db,
    customerId,
    format,
    locale,
    now: at,
    sessionPolicy: env.sessionPolicy,
    ip,
    idleMs: env.EXPORT_IDLE_SECONDS * 1000,
  });
  if (!started.ok) return started.reason === "not_found" ? notFound() : fail(429, refusals[started.reason]);
  try {
    await db.transaction(async (tx) => {
      await tx.insert(downloads).values({ customerId, format, at });
      // The customer's own act, in the trail with the record of it; the format only (the address stays out of
      // the trail, which outlives an erasure).
      await appendAudit(
        tx,
        {
          actor: { type: "customer", id: customerId },
          action: "customer.export.downloaded",
          customerId,
          detail: { format },
        },
        at,
      );
    });
  } catch (error) {
    await started.body.cancel();
    throw error;
  }
  const { body, contentType, fileName } = started;
  return { ok: true, body, contentType, fileName };
}

/** The customer's downloads, newest first. */
export async function downloadHistory(q: Queries, customerId: string) {
  const rows = await q
    .select({ format: downloads.format, at: downloads.at })
    .from(downloads)
    .where(eq(downloads.customerId, customerId))
    .orderBy(desc(downloads.at), desc(downloads.id));
  return rows.map((r) => ({ format: r.format, at: iso(r.at) }));
}
