import {
  createWebhookEndpointSchema,
  updateWebhookEndpointSchema,
  webhookEndpointIdParamSchema,
} from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  createWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "../../services/webhook-endpoints.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/**
 * Issue 13: administrators register connected systems' webhook endpoints. The signing secret is in the answer to
 * create and rotate only; no read returns it.
 */
export function webhookRoutes(ctx: StaffContext) {
  const { db, env } = ctx;
  return new Hono<StaffEnv>()
    .use(ctx.requireStaff)
    .use(requirePermission("systems:manage"))
    .get("/", async (c) => c.json({ endpoints: await listWebhookEndpoints(db) }, 200))
    .post("/", validate("json", createWebhookEndpointSchema), async (c) => {
      const result = await createWebhookEndpoint(ctx, staffActor(c, env.TRUST_PROXY), c.req.valid("json"));
      if (!result.ok) return failure(c, result);
      return c.json({ endpoint: result.endpoint, secret: result.secret, systemCreated: result.systemCreated }, 201);
    })
    .patch(
      "/:id",
      validate("param", webhookEndpointIdParamSchema),
      validate("json", updateWebhookEndpointSchema),
      async (c) => {
        const result = await updateWebhookEndpoint(
          ctx,
          staffActor(c, env.TRUST_PROXY),
          c.req.valid("param").id,
          c.req.valid("json"),
        );
        if (!result.ok) return failure(c, result);
        return c.json({ endpoint: result.endpoint }, 200);
      },
    )
    .post("/:id/rotate-secret", validate("param", webhookEndpointIdParamSchema), async (c) => {
      const result = await rotateWebhookSecret(ctx, staffActor(c, env.TRUST_PROXY), c.req.valid("param").id);
      if (!result.ok) return failure(c, result);
      return c.json({ endpoint: result.endpoint, secret: result.secret }, 200);
    });
}
