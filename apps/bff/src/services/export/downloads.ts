import { type ExportFormat, iso, type Locale } from "@tietoni/domain";
import { desc, eq } from "drizzle-orm";
import type { Queries } from "../../db/port.ts";
import { downloads } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { fail, notFound, type Result } from "../result.ts";
import { startExport } from "./export-stream.ts";

/*
 * "Download my data" (Art. 15 and 20): each download streams from a read-only snapshot of its own
 * (export-stream.ts) and is recorded for the customer, who sees the list of their downloads.
 */

export type Download = { body: ReadableStream<Uint8Array>; contentType: string; fileName: string };

/**
 * Starts the customer's download and records it. Refused when too many downloads already run (429) or the
 * customer is gone (404). Unrecorded means undelivered: if the record cannot be written, the snapshot is released
 * and the error goes up.
 */
export async function startDownload(
  { db, env, now }: Pick<Deps, "db" | "env" | "now">,
  customerId: string,
  format: ExportFormat,
  locale: Locale,
): Promise<Result<Download>> {
  const at = now();
  const started = startExport({ db, customerId, format, locale, now: at, sessionPolicy: env.sessionPolicy });
  if (!started.ok) return started.reason === "busy" ? fail(429, "rate_limited") : notFound();
  try {
    await db.insert(downloads).values({ customerId, format, at });
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
