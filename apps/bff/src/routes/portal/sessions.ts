import { judgeSession } from "@tietoni/domain";
import { and, desc, eq, ne } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { customerSessions, customerSignIns } from "../../db/schema.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

/** Session ids are random base32 tokens (auth/tokens.ts); not secrets, but never trusted as given. */
const sessionIdParamSchema = z.object({ id: z.string().regex(/^[a-z0-9]{1,64}$/, "id_invalid") });

const SIGN_INS_SHOWN = 50;
const iso = (ms: number) => new Date(ms).toISOString();

/** The customer's own sessions and sign-ins; they can end any session but the one they are using. */
export function sessionsRoutes({ db, env, now, requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>()
    .use(requireCustomer)
    .get("/", (c) => {
      const customerId = c.get("subject").id;
      const currentId = c.get("session").id;
      const at = now();
      const sessions = db
        .select({
          id: customerSessions.id,
          createdAt: customerSessions.createdAt,
          lastSeenAt: customerSessions.lastSeenAt,
          ip: customerSessions.ip,
          userAgent: customerSessions.userAgent,
        })
        .from(customerSessions)
        .where(eq(customerSessions.customerId, customerId))
        .orderBy(desc(customerSessions.lastSeenAt))
        .all()
        // Expired rows stay until someone presents their cookie; they are not active sessions.
        .filter((s) => s.id === currentId || judgeSession(s, at, env.sessionPolicy).valid)
        .map((s) => ({
          ...s,
          createdAt: iso(s.createdAt),
          lastSeenAt: iso(s.lastSeenAt),
          current: s.id === currentId,
        }));
      const signIns = db
        .select({ at: customerSignIns.at, ip: customerSignIns.ip, userAgent: customerSignIns.userAgent })
        .from(customerSignIns)
        .where(eq(customerSignIns.customerId, customerId))
        .orderBy(desc(customerSignIns.at), desc(customerSignIns.id))
        .limit(SIGN_INS_SHOWN)
        .all()
        .map((s) => ({ ...s, at: iso(s.at) }));
      return c.json({ sessions, signIns }, 200);
    })
    .delete("/:id", validate("param", sessionIdParamSchema), (c) => {
      const { id } = c.req.valid("param");
      if (id === c.get("session").id) {
        return c.json(
          { error: { code: "invalid_input", message: "Use sign-out to end the current session" } } as const,
          400,
        );
      }
      // The customer id in the condition is what keeps one customer from ending another's session.
      const result = db
        .delete(customerSessions)
        .where(and(eq(customerSessions.id, id), eq(customerSessions.customerId, c.get("subject").id)))
        .run();
      if (result.changes === 0)
        return c.json({ error: { code: "not_found", message: "No such session" } } as const, 404);
      return c.json({ ended: 1 }, 200);
    })
    .post("/sign-out-others", (c) => {
      const result = db
        .delete(customerSessions)
        .where(and(eq(customerSessions.customerId, c.get("subject").id), ne(customerSessions.id, c.get("session").id)))
        .run();
      return c.json({ ended: result.changes }, 200);
    });
}
