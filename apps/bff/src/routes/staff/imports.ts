import { importApplySchema, importUploadQuerySchema, tokenIdParamSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { requirePermission } from "../../auth/permissions.ts";
import { apiError, failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { importReport, recentImports, startApply, uploadImport } from "../../services/import/uploads.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/** The upload path: exempt from the API's 64 KiB JSON-only body rules (staff-app.ts), with its own cap here. */
export const IMPORT_UPLOAD_PATH = "/api/staff/imports";

/**
 * The upload's body is the file as `application/octet-stream`, a type no cross-site form can send: anything else
 * (a form, text, JSON) is refused with 415 before the query is read, as the JSON guard refuses it on other routes.
 */
const fileBody = createMiddleware<StaffEnv>(async (c, next) => {
  if (!/^application\/octet-stream(;|$)/i.test(c.req.header("content-type") ?? "")) {
    return apiError(c, 415, "unsupported_media_type", "Send the file as application/octet-stream");
  }
  return next();
});

/**
 * Bulk import from the staff app (issue 12), admins only (`import:run`): upload a file and get its dry run, apply
 * it in the background, follow its progress. The file is the raw request body, `application/octet-stream` (a type
 * no cross-site form can send), streamed to disk up to IMPORT_MAX_UPLOAD_MIB.
 */
export function importRoutes({ db, env, outbox, now, requireStaff }: StaffContext) {
  const deps = { db, env, outbox, now };
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("import:run"))
    .get("/", async (c) => c.json({ imports: await recentImports(deps) }, 200))
    .post("/", fileBody, validate("query", importUploadQuerySchema), async (c) => {
      const r = await uploadImport(
        deps,
        { ...c.req.valid("query"), body: c.req.raw.body, declaredBytes: c.req.header("content-length") },
        staffActor(c, env.TRUST_PROXY),
      );
      return r.ok ? c.json(r.report, 200) : failure(c, r);
    })
    .get("/:id", validate("param", tokenIdParamSchema), async (c) => {
      const r = await importReport(deps, c.req.valid("param").id);
      return r.ok ? c.json(r.report, 200) : failure(c, r);
    })
    .post("/:id/apply", validate("param", tokenIdParamSchema), validate("json", importApplySchema), async (c) => {
      const r = await startApply(deps, c.req.valid("param").id, c.req.valid("json"), staffActor(c, env.TRUST_PROXY));
      return r.ok ? c.json({ importId: r.importId, state: "applying" as const }, 202) : failure(c, r);
    });
}
