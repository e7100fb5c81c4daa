import { createRequestInputSchema, tokenIdParamSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { cancelRequest, customerRequestsPage, submitRequest } from "../../services/requests.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/**
 * The customer's requests: the signed session replaces the notice's signed letter, so what is sent
 * here is the request. Rights a customer can exercise alone live in their own routes; these need staff.
 */
export function requestsRoutes(ctx: PortalContext) {
  const { db, requireCustomer } = ctx;
  return new Hono<PortalEnv>()
    .use(requireCustomer)
    .get("/", async (c) => c.json(await customerRequestsPage(db, c.get("subject").id), 200))
    .post("/", validate("json", createRequestInputSchema), async (c) => {
      const result = await submitRequest(ctx, c.get("subject"), c.req.valid("json"));
      if (!result.ok) return failure(c, result);
      return c.json({ request: result.request }, 201);
    })
    .post("/:id/cancel", validate("param", tokenIdParamSchema), async (c) => {
      const result = await cancelRequest(ctx, c.get("subject"), c.req.valid("param").id);
      if (!result.ok) return failure(c, result);
      return c.json({ request: result.request }, 200);
    });
}
