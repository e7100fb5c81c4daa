import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { auditExportFormats, exportAuditTrail } from "../../services/audit-export.ts";
import { staffActor } from "./actor.ts";
import { auditQuerySchema } from "./audit.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/** The trail page's filters (without its paging) and the file's format. */
export const auditExportQuerySchema = auditQuerySchema
  .omit({ before: true, limit: true })
  .extend({ format: z.enum(auditExportFormats, "invalid_input") });

/**
 * Issue 14 G: `/audit/export` — the trail as a streamed CSV or JSON file with its signed checkpoints, for the
 * data-protection officer and admins (`audit:export`). Audited before the first byte leaves (the service).
 */
export function auditExportRoutes({ db, env, now, requireStaff }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("audit:export"))
    .get("/", validate("query", auditExportQuerySchema), async (c) => {
      const { format, ...filters } = c.req.valid("query");
      const file = await exportAuditTrail(db, staffActor(c, env.TRUST_PROXY), filters, format, now());
      return c.body(file.body, 200, {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
      });
    });
}
