import { tokenIdSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { viewOperationRequest } from "../../services/operation-request.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const requestParam = z.object({ requestId: tokenIdSchema });

/** `/operations/requests`: which operation a request calls for, and where it stands. Behind the staff session (data-operations.ts). */
export function operationRequestRoutes({ db, env, now }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requirePermission("request:handle"))
    .get("/:requestId", validate("param", requestParam), async (c) => {
      const { requestId } = c.req.valid("param");
      const result = await viewOperationRequest(db, requestId, staffActor(c, env.TRUST_PROXY), now());
      if (!result.ok) return failure(c, result);
      return c.json(result.view, 200);
    });
}
