import { INTEGRATION_API_BASE, MAX_INTEGRATION_BODY_BYTES } from "@tietoni/domain";
import { Hono } from "hono";
import type { Deps } from "./deps.ts";
import { openApiText } from "./integration/openapi.ts";
import { declaredBodyLimit } from "./middleware/body-limit/index.ts";
import { type ClientEnv, clientAuth } from "./middleware/client-auth/index.ts";
import { jsonGuard } from "./middleware/json-guard/index.ts";
import { integrationRoutes } from "./routes/integration/records.ts";

/**
 * The integration API, `/api/integration/v1/*` (issue 12), mounted on the staff listener beside the staff API but
 * sharing none of its guards: a connected system's API client authenticates with its bearer token only (no cookie
 * is read, no Origin checked), every call is counted against the client's rate limit, bodies may be 1 MiB. Its
 * OpenAPI document is public (no secrets in it) at `/openapi.json`.
 */
export function createIntegrationApi(deps: Deps) {
  const document = openApiText();
  const authenticated = new Hono<ClientEnv>()
    // The token first: a stranger's call costs no body read and no counter.
    .use(clientAuth(deps))
    .use(declaredBodyLimit(MAX_INTEGRATION_BODY_BYTES))
    // Records nest deeper than the staff API's inputs (record → orders → lines → fields).
    .use(jsonGuard({ maxDepth: 10 }))
    .route("/", integrationRoutes(deps));
  return new Hono()
    .basePath(INTEGRATION_API_BASE)
    .get("/openapi.json", (c) => {
      c.header("Cache-Control", "no-cache");
      return c.body(document, 200, { "Content-Type": "application/json; charset=utf-8" });
    })
    .route("/", authenticated);
}

export type IntegrationApi = ReturnType<typeof createIntegrationApi>;
