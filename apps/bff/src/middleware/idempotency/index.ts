import { idempotencyKeySchema } from "@tietoni/domain";
import { createMiddleware } from "hono/factory";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Deps } from "../../deps.ts";
import { apiError } from "../../http/api-error.ts";
import { findIdempotentAnswer, requestDigest, storeIdempotentAnswer } from "../../services/idempotency.ts";
import type { ClientEnv } from "../client-auth/index.ts";

/**
 * Honours `Idempotency-Key` on the integration API's POSTs (services/idempotency.ts): a repeat gets the stored
 * answer with `Idempotent-Replayed: true`; the same key with another method, path or body gets 422. Runs after
 * the client is known (keys are per client) and after the body passed the JSON guard.
 */
export const idempotency = (deps: Pick<Deps, "db" | "now">) =>
  createMiddleware<ClientEnv>(async function idempotency(c, next) {
    const key = c.req.header("idempotency-key");
    if (c.req.method !== "POST" || key === undefined) return next();
    if (!idempotencyKeySchema.safeParse(key).success) {
      return apiError(c, 400, "idempotency_key_invalid", "Idempotency-Key: 1-200 visible ASCII characters");
    }
    const { clientId } = c.var.client;
    const digest = requestDigest(c.req.method, c.req.path, await c.req.text());
    const stored = await findIdempotentAnswer(deps.db, clientId, key, digest);
    if (stored === "reused") {
      return apiError(c, 422, "idempotency_key_reused", "This Idempotency-Key was used for another request");
    }
    if (stored) {
      c.header("Idempotent-Replayed", "true");
      c.header("Content-Type", "application/json");
      return c.body(stored.body, stored.status as ContentfulStatusCode);
    }
    await next();
    if (c.res.status >= 200 && c.res.status < 300) {
      const body = await c.res.clone().text();
      await storeIdempotentAnswer(deps.db, clientId, key, digest, { status: c.res.status, body }, deps.now());
    }
  });
