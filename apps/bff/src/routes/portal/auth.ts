import { requestCodeInputSchema, verifyCodeInputSchema } from "@tietoni/domain";
import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { issueSignInCode, redeemSignInCode } from "../../auth/sign-in-codes.ts";
import { beginCodeAttempt, beginCodeRequest, codeAttemptSucceeded } from "../../auth/sign-in-limits.ts";
import { customerSignIns, customers, ipAddresses } from "../../db/schema.ts";
import { clientInfo } from "../../http/client-info.ts";
import { clearSessionCookie, setSessionCookie } from "../../http/session-cookie.ts";
import { signInCodeMail } from "../../mail/templates.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { applyGpcSignal, hasGpcSignal } from "../../services/marketing.ts";
import type { PortalContext } from "./context.ts";

const rateLimited = { error: { code: "rate_limited", message: "Too many attempts" } } as const;

/** Customer sign-in with a one-time code sent to the registered e-mail address. */
export function portalAuthRoutes({ db, env, mailer, now, sessions, requireCustomer }: PortalContext) {
  const findByEmail = (email: string) =>
    db
      .select({ id: customers.id, email: customers.email })
      .from(customers)
      .where(and(eq(customers.email, email), isNull(customers.anonymisedAt)))
      .get();

  return new Hono()
    .post("/request-code", validate("json", requestCodeInputSchema), async (c) => {
      const { email } = c.req.valid("json");
      // Counted and refused before the lookup: the 429 costs the same whether or not the address is registered.
      if (!beginCodeRequest(db, { email, ip: clientInfo(c, env.TRUST_PROXY).ip }, now())) {
        return c.json(rateLimited, 429);
      }
      const at = now();
      // Looked up, issued and mailed after the answer: a registered address must not answer slower (the
      // code's write waits for an fsync) than an unknown one. The answer is the same either way.
      setImmediate(() => {
        try {
          const customer = findByEmail(email);
          if (!customer) return;
          const code = issueSignInCode(db, customer.id, at);
          mailer.send(signInCodeMail(email, code)).catch((err) => console.error("[mail] sign-in code not sent", err));
        } catch (err) {
          console.error("[auth] sign-in code not issued", err);
        }
      });
      return c.json({ sent: true }, 202);
    })
    .post("/verify-code", validate("json", verifyCodeInputSchema), async (c) => {
      const { email, code } = c.req.valid("json");
      const client = clientInfo(c, env.TRUST_PROXY);
      const at = now();
      const attempt = { email, ip: client.ip };
      // Failures across codes, per address and per account; unknown addresses are counted the same.
      if (!beginCodeAttempt(db, attempt, at)) return c.json(rateLimited, 429);
      const customer = findByEmail(email);
      if (!customer || !redeemSignInCode(db, customer.id, code, at)) {
        return c.json({ error: { code: "code_invalid", message: "Wrong or expired code" } } as const, 400);
      }
      codeAttemptSucceeded(db, attempt, at);
      const session = sessions.create(customer.id, at, client);
      db.transaction((tx) => {
        tx.insert(customerSignIns)
          .values({ customerId: customer.id, at, ip: client.ip, userAgent: client.userAgent })
          .run();
        // The notice lists IP numbers among the data held; the customer sees them under "My data".
        if (client.ip) tx.insert(ipAddresses).values({ customerId: customer.id, ip: client.ip, seenAt: at }).run();
      });
      // A browser sending Global Privacy Control objects to marketing at every sign-in (see services/marketing.ts).
      if (hasGpcSignal(c.req.header("sec-gpc"))) applyGpcSignal(db, customer.id, at);
      setSessionCookie(c, env, "portal", session.token);
      return c.json({ signedIn: true }, 200);
    })
    .get("/session", requireCustomer, (c) => {
      const { firstName, lastName, email } = c.get("subject");
      return c.json({ firstName, lastName, email, expiresAt: new Date(c.get("session").expiresAt).toISOString() }, 200);
    })
    .post("/sign-out", requireCustomer, (c) => {
      sessions.invalidate(c.get("session").id);
      clearSessionCookie(c, env, "portal");
      return c.json({ signedOut: true }, 200);
    });
}
