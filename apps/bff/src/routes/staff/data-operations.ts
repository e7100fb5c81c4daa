import { Hono } from "hono";
import type { StaffContext, StaffEnv } from "./context.ts";
import { erasureRoutes } from "./erasure.ts";
import { mailingListRoutes } from "./mailing-list.ts";
import { operationRequestRoutes } from "./operation-requests.ts";
import { restrictionRoutes } from "./restriction.ts";

/**
 * `/api/staff/operations`: erasure (carried out as anonymisation), restriction and the mailing-list export, the
 * staff's operations on a customer's data. The staff session is required here, once for every operation (and
 * for any other path below), so the resource routers below are mounted only through this one.
 */
export function dataOperationsRoutes(ctx: StaffContext) {
  return new Hono<StaffEnv>()
    .use(ctx.requireStaff)
    .route("/requests", operationRequestRoutes(ctx))
    .route("/erasure", erasureRoutes(ctx))
    .route("/restriction", restrictionRoutes(ctx))
    .route("/mailing-list", mailingListRoutes(ctx));
}
