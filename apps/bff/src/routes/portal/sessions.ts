import { tokenIdParamSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  endCustomerSession,
  endOtherCustomerSessions,
  listCustomerSessions,
} from "../../services/customer-sessions.ts";
import type { PortalContext, PortalEnv } from "./context.ts";
import { sessionCustomer } from "./customer.ts";

/** The customer's own sessions and sign-ins; they can end any session but the one they are using. */
export function sessionsRoutes(ctx: PortalContext) {
  const { db, env, now, requireCustomer } = ctx;
  return (
    new Hono<PortalEnv>()
      .use(requireCustomer)
      .get("/", async (c) => {
        const current = sessionCustomer(c, env.TRUST_PROXY);
        return c.json(await listCustomerSessions(db, current, env.sessionPolicy, now()), 200);
      })
      // Session ids are random tokens (auth/tokens.ts); not secrets, but never trusted as given.
      .delete("/:id", validate("param", tokenIdParamSchema), async (c) => {
        const result = await endCustomerSession(ctx, sessionCustomer(c, env.TRUST_PROXY), c.req.valid("param").id);
        if (!result.ok) return failure(c, result);
        return c.json({ ended: result.ended }, 200);
      })
      .post("/sign-out-others", async (c) => {
        return c.json(await endOtherCustomerSessions(ctx, sessionCustomer(c, env.TRUST_PROXY)), 200);
      })
  );
}
