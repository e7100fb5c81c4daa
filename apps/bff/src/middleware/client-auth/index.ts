import type { IntegrationScope } from "@tietoni/domain";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../../deps.ts";
import { apiError } from "../../http/api-error.ts";
import { clientInfo } from "../../http/client-info.ts";
import { authenticateClient, type IntegrationClient, takeClientCall } from "../../services/api-client-auth.ts";

/*
 * The integration API's authentication (issue 12): a bearer token and nothing else. No cookie is read and no Origin
 * is checked: a browser that carries a staff or customer cookie here carries no credential. Each call is counted
 * against the client's rate limit; each route names the scope it needs (`requireScope`).
 */

export type ClientEnv = { Variables: { client: IntegrationClient } };

/** Loads the client of the `Authorization` header (401 when missing, wrong or revoked) and counts the call (429). */
export const clientAuth = (deps: Pick<Deps, "db" | "env" | "now">) =>
  createMiddleware<ClientEnv>(async function clientAuth(c, next) {
    const now = deps.now();
    const { ip } = clientInfo(c, deps.env.TRUST_PROXY);
    const client = await authenticateClient(deps.db, c.req.header("authorization"), ip, now);
    if (!client) {
      c.header("WWW-Authenticate", 'Bearer realm="tietoni-integration"');
      return apiError(c, 401, "token_invalid", "Missing, wrong or revoked API token");
    }
    const limit = client.requestsPerMinute ?? deps.env.API_REQUESTS_PER_MINUTE;
    const call = await takeClientCall(deps.db, client, limit, now);
    if (!call.ok) {
      c.header("Retry-After", String(call.retryAfterSeconds));
      return apiError(c, 429, "rate_limited", `At most ${limit} calls a minute`);
    }
    c.set("client", client);
    return next();
  });

/** Refuses a client whose scopes do not include `scope` with 403. */
export const requireScope = (scope: IntegrationScope) =>
  createMiddleware<ClientEnv>(async function requireScope(c, next) {
    if (!c.var.client.scopes.includes(scope)) {
      return apiError(c, 403, "scope_missing", `This call needs the scope ${scope}`);
    }
    return next();
  });
