import { type ExportFormat, type Locale, localeSchema } from "@tietoni/domain";
import { desc, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { downloads } from "../../db/schema.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { startExport } from "../../services/export/export-stream.ts";
import { exportSchemaText } from "../../services/export/json-schema-file.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

const htmlQuerySchema = z.object({ lang: localeSchema.default("fi") });

/**
 * "Download my data" (Art. 15 and 20): JSON with a published schema, CSV tables in a zip, a printable HTML document.
 * Each download streams from a read-only snapshot of its own (services/export) and is recorded for the customer.
 */
export function exportRoutes({ db, env, now, requireCustomer }: PortalContext) {
  const schemaText = exportSchemaText();

  const download = (c: Context<PortalEnv>, format: ExportFormat, locale: Locale) => {
    // The id comes from the session, never from the request.
    const customerId = c.get("subject").id;
    const at = now();
    const started = startExport({
      databasePath: env.databasePath,
      customerId,
      format,
      locale,
      now: at,
      sessionPolicy: env.sessionPolicy,
    });
    if (!started.ok) {
      return started.reason === "busy"
        ? c.json({ error: { code: "rate_limited", message: "A download is already running" } } as const, 429)
        : c.json({ error: { code: "not_found", message: "No record" } } as const, 404);
    }
    try {
      db.insert(downloads).values({ customerId, format, at }).run();
    } catch (error) {
      // Unrecorded means undelivered: release the snapshot and fail the request.
      void started.body.cancel();
      throw error;
    }
    return c.body(started.body, 200, {
      "Content-Type": started.contentType,
      "Content-Disposition": `attachment; filename="${started.fileName}"`,
      "Cache-Control": "no-store",
    });
  };

  return new Hono<PortalEnv>()
    .get("/schema/v1.json", (c) =>
      // Public and the same for everyone: the format's documentation, not anyone's data.
      c.body(schemaText, 200, {
        "Content-Type": "application/schema+json; charset=utf-8",
        "Cache-Control": "public, max-age=3600",
      }),
    )
    .get("/json", requireCustomer, (c) => download(c, "json", "fi"))
    .get("/csv", requireCustomer, (c) => download(c, "csv", "fi"))
    .get("/html", requireCustomer, validate("query", htmlQuerySchema), (c) =>
      download(c, "html", c.req.valid("query").lang),
    )
    .get("/history", requireCustomer, (c) => {
      const rows = db
        .select({ format: downloads.format, at: downloads.at })
        .from(downloads)
        .where(eq(downloads.customerId, c.get("subject").id))
        .orderBy(desc(downloads.at), desc(downloads.id))
        .all();
      return c.json({ downloads: rows.map((r) => ({ format: r.format, at: new Date(r.at).toISOString() })) }, 200);
    });
}
