import {
  createApiClientInputSchema,
  registerSystemInputSchema,
  systemClientParamSchema,
  systemIdParamSchema,
  updateSystemInputSchema,
} from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { createApiClient, revokeApiClient, rotateApiClientSecret } from "../../services/api-clients.ts";
import {
  connectedSystemDetail,
  listConnectedSystems,
  registerSystem,
  updateSystem,
} from "../../services/connected-systems.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/**
 * Administrators register the controller's connected systems and manage their API clients. A client's token is in
 * the answer to its creation or rotation only; every change is audited with ids and scopes, never a secret.
 */
export function systemsRoutes(ctx: StaffContext) {
  const { db, env } = ctx;
  return new Hono<StaffEnv>()
    .use(ctx.requireStaff)
    .use(requirePermission("systems:manage"))
    .get("/", async (c) => c.json({ systems: await listConnectedSystems(db) }, 200))
    .post("/", validate("json", registerSystemInputSchema), async (c) => {
      const result = await registerSystem(ctx, staffActor(c, env.TRUST_PROXY), c.req.valid("json"));
      if (!result.ok) return failure(c, result);
      return c.json(result.system, 201);
    })
    .get("/:id", validate("param", systemIdParamSchema), async (c) => {
      const result = await connectedSystemDetail(db, c.req.valid("param").id);
      if (!result.ok) return failure(c, result);
      return c.json({ system: result.system, clients: result.clients }, 200);
    })
    .patch("/:id", validate("param", systemIdParamSchema), validate("json", updateSystemInputSchema), async (c) => {
      const result = await updateSystem(
        ctx,
        staffActor(c, env.TRUST_PROXY),
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      if (!result.ok) return failure(c, result);
      return c.json(result.system, 200);
    })
    .post(
      "/:id/clients",
      validate("param", systemIdParamSchema),
      validate("json", createApiClientInputSchema),
      async (c) => {
        const { id } = c.req.valid("param");
        const result = await createApiClient(ctx, staffActor(c, env.TRUST_PROXY), id, c.req.valid("json"));
        if (!result.ok) return failure(c, result);
        return c.json({ client: result.client, token: result.token }, 201);
      },
    )
    .post("/:id/clients/:clientId/rotate", validate("param", systemClientParamSchema), async (c) => {
      const { id, clientId } = c.req.valid("param");
      const result = await rotateApiClientSecret(ctx, staffActor(c, env.TRUST_PROXY), id, clientId);
      if (!result.ok) return failure(c, result);
      return c.json({ client: result.client, token: result.token }, 200);
    })
    .post("/:id/clients/:clientId/revoke", validate("param", systemClientParamSchema), async (c) => {
      const { id, clientId } = c.req.valid("param");
      const result = await revokeApiClient(ctx, staffActor(c, env.TRUST_PROXY), id, clientId);
      if (!result.ok) return failure(c, result);
      return c.json({ client: result.client }, 200);
    });
}
