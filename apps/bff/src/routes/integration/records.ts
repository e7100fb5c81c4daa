import {
  integrationCustomerParamSchema,
  integrationCustomersInputSchema,
  integrationHoldParamSchema,
  integrationInvoicesInputSchema,
  integrationLegalHoldClearInputSchema,
  integrationLegalHoldSetInputSchema,
  integrationObjectionsInputSchema,
  integrationOrdersInputSchema,
  integrationRelationshipEndInputSchema,
} from "@tietoni/domain";
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { type ClientEnv, requireScope } from "../../middleware/client-auth/index.ts";
import { idempotency } from "../../middleware/idempotency/index.ts";
import {
  clearHoldForClient,
  endRelationship,
  readCustomerForClient,
  setHoldForClient,
  syncCustomerParts,
  syncCustomers,
} from "../../services/integration.ts";

/**
 * The integration API's operations (issue 12), behind the client's token (integration-app.ts). Each names its scope;
 * every POST honours `Idempotency-Key` once its input is valid. Record upserts answer per record, in the order sent.
 */
export function integrationRoutes(deps: Deps) {
  const once = idempotency(deps);
  return new Hono<ClientEnv>()
    .post(
      "/customers",
      requireScope("customers:write"),
      validate("json", integrationCustomersInputSchema),
      once,
      async (c) => c.json(await syncCustomers(deps, c.var.client, c.req.valid("json"), deps.now()), 200),
    )
    .post("/orders", requireScope("orders:write"), validate("json", integrationOrdersInputSchema), once, async (c) =>
      c.json(await syncCustomerParts(deps, c.var.client, c.req.valid("json"), deps.now()), 200),
    )
    .post(
      "/invoices",
      requireScope("invoices:write"),
      validate("json", integrationInvoicesInputSchema),
      once,
      async (c) => c.json(await syncCustomerParts(deps, c.var.client, c.req.valid("json"), deps.now()), 200),
    )
    .post(
      "/objections",
      requireScope("objections:write"),
      validate("json", integrationObjectionsInputSchema),
      once,
      async (c) => c.json(await syncCustomerParts(deps, c.var.client, c.req.valid("json"), deps.now()), 200),
    )
    .post(
      "/customers/:external_id/relationship-end",
      requireScope("customers:write"),
      validate("param", integrationCustomerParamSchema),
      validate("json", integrationRelationshipEndInputSchema),
      once,
      async (c) => {
        const { external_id } = c.req.valid("param");
        const r = await endRelationship(deps, c.var.client, external_id, c.req.valid("json"), deps.now());
        if (!r.ok) return failure(c, r);
        return c.json({ results: r.results, counts: r.counts }, 200);
      },
    )
    .post(
      "/customers/:external_id/legal-holds",
      requireScope("holds:write"),
      validate("param", integrationCustomerParamSchema),
      validate("json", integrationLegalHoldSetInputSchema),
      once,
      async (c) => {
        const { external_id } = c.req.valid("param");
        const r = await setHoldForClient(deps, c.var.client, external_id, c.req.valid("json"), deps.now());
        return r.ok ? c.json({ id: r.holdId }, 200) : failure(c, r);
      },
    )
    .post(
      "/customers/:external_id/legal-holds/:id/clear",
      requireScope("holds:write"),
      validate("param", integrationHoldParamSchema),
      validate("json", integrationLegalHoldClearInputSchema),
      once,
      async (c) => {
        const { external_id, id } = c.req.valid("param");
        const r = await clearHoldForClient(deps, c.var.client, external_id, id, c.req.valid("json"), deps.now());
        return r.ok ? c.json({ id: r.holdId }, 200) : failure(c, r);
      },
    )
    .get(
      "/customers/:external_id",
      requireScope("register:read"),
      validate("param", integrationCustomerParamSchema),
      async (c) => {
        const r = await readCustomerForClient(deps, c.var.client, c.req.valid("param").external_id, deps.now());
        return r.ok ? c.json(r.view, 200) : failure(c, r);
      },
    );
}
