import { type ExportFormat, type Locale, localeSchema } from "@tietoni/domain";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { apiError, failure } from "../../http/api-error.ts";
import { clientInfo } from "../../http/client-info.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { downloadHistory, startDownload } from "../../services/export/downloads.ts";
import { EXPORT_V1_SCHEMA_FILE, exportSchemaText, frozenSchemaText } from "../../services/export/json-schema-file.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

const htmlQuerySchema = z.object({ lang: localeSchema.default("fi") });

/**
 * "Download my data" (Art. 15 and 20): JSON with a published schema, CSV tables in a zip, a printable HTML document.
 * Each download streams from a read-only snapshot of its own (services/export) and is recorded for the customer.
 */
export function exportRoutes(ctx: PortalContext) {
  const { db, env, requireCustomer } = ctx;
  const schemaText = exportSchemaText();
  const v1SchemaText = frozenSchemaText(EXPORT_V1_SCHEMA_FILE);
  const schemaHeaders = {
    "Content-Type": "application/schema+json; charset=utf-8",
    "Cache-Control": "public, max-age=3600",
  };

  const download = async (c: Context<PortalEnv>, format: ExportFormat, locale: Locale) => {
    // The id comes from the session, never from the request.
    const ip = clientInfo(c, env.TRUST_PROXY).ip;
    const started = await startDownload(ctx, c.get("subject").id, format, locale, ip);
    if (!started.ok) {
      // The browser followed the page's link: send it back to the page, which shows the refusal translated. A
      // script (or the page's own code) gets the JSON error as from every other route.
      if (c.req.header("sec-fetch-mode") === "navigate") return c.redirect(`/download?error=${started.code}`, 303);
      return failure(c, started);
    }
    return c.body(started.body, 200, {
      "Content-Type": started.contentType,
      "Content-Disposition": `attachment; filename="${started.fileName}"`,
      "Cache-Control": "no-store",
    });
  };

  return (
    new Hono<PortalEnv>()
      // Public and the same for everyone: the format's documentation, not anyone's data.
      .get("/schema/v2.json", (c) => c.body(schemaText, 200, schemaHeaders))
      // Version 1, frozen, for downloads made before version 2.
      .get("/schema/v1.json", (c) =>
        v1SchemaText === null ? apiError(c, 404, "not_found", "Not found") : c.body(v1SchemaText, 200, schemaHeaders),
      )
      .get("/json", requireCustomer, (c) => download(c, "json", "fi"))
      .get("/csv", requireCustomer, (c) => download(c, "csv", "fi"))
      .get("/html", requireCustomer, validate("query", htmlQuerySchema), (c) =>
        download(c, "html", c.req.valid("query").lang),
      )
      .get("/history", requireCustomer, async (c) => {
        return c.json({ downloads: await downloadHistory(db, c.get("subject").id) }, 200);
      })
  );
}
