import fs from "node:fs";
import path from "node:path";
import {
  externalIdSchema,
  INTEGRATION_API_BASE,
  INTEGRATION_API_VERSION,
  idempotencyKeySchema,
  integrationCustomersInputSchema,
  integrationCustomerViewSchema,
  integrationErrorSchema,
  integrationHoldResultSchema,
  integrationInvoicesInputSchema,
  integrationLegalHoldClearInputSchema,
  integrationLegalHoldSetInputSchema,
  integrationObjectionsInputSchema,
  integrationOperationScopes,
  integrationOrdersInputSchema,
  integrationRecordResultSchema,
  integrationRelationshipEndInputSchema,
  integrationSyncResultSchema,
  interchangeCustomerSchema,
  interchangeInvoiceSchema,
  interchangeObjectionSchema,
  interchangeOrderSchema,
  MAX_INTEGRATION_BODY_BYTES,
  MAX_RECORDS_PER_CALL,
} from "@tietoni/domain";
import { z } from "zod";
import { repoRoot } from "../env.ts";

/*
 * The integration API's OpenAPI 3.1 document (issue 12), generated from the domain's zod schemas, the ones the routes
 * validate with, by zod's own `z.toJSONSchema` (OpenAPI 3.1 schemas are JSON Schema 2020-12). Served at
 * `/api/integration/v1/openapi.json` and committed as docs/openapi/integration-v1.json; a BFF test keeps the file
 * generated, `pnpm --filter @tietoni/bff openapi:export` rewrites it. Cross-field rules (fields given together,
 * postal codes per country, the business ID's check digit) are not expressible in JSON Schema: the descriptions
 * name them and the error codes report them.
 */

export const OPENAPI_FILE = path.join(repoRoot, `docs/openapi/integration-v${INTEGRATION_API_VERSION}.json`);

type Operation = keyof typeof integrationOperationScopes;

const requests = {
  CustomersRequest: integrationCustomersInputSchema,
  OrdersRequest: integrationOrdersInputSchema,
  InvoicesRequest: integrationInvoicesInputSchema,
  ObjectionsRequest: integrationObjectionsInputSchema,
  RelationshipEndRequest: integrationRelationshipEndInputSchema,
  LegalHoldSetRequest: integrationLegalHoldSetInputSchema,
  LegalHoldClearRequest: integrationLegalHoldClearInputSchema,
  InterchangeCustomer: interchangeCustomerSchema,
  InterchangeOrder: interchangeOrderSchema,
  InterchangeInvoice: interchangeInvoiceSchema,
  InterchangeObjection: interchangeObjectionSchema,
};
const responses = {
  SyncResult: integrationSyncResultSchema,
  RecordResult: integrationRecordResultSchema,
  LegalHoldResult: integrationHoldResultSchema,
  CustomerView: integrationCustomerViewSchema,
  Error: integrationErrorSchema,
};

/** Component schemas of one direction: requests as clients may send them (defaults optional), answers as sent. */
function componentSchemas(schemas: Record<string, z.ZodType>, io: "input" | "output") {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  // Each component carries `$schema` and `$id`; in an OpenAPI document the document's dialect applies.
  return Object.fromEntries(
    Object.entries(out).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema as Record<string, unknown>]),
  );
}

const ref = (id: keyof typeof requests | keyof typeof responses) => ({ $ref: `#/components/schemas/${id}` });
const jsonBody = (id: Parameters<typeof ref>[0]) => ({ content: { "application/json": { schema: ref(id) } } });
const errorAnswer = (description: string) => ({ description, ...jsonBody("Error") });

const operations: Record<
  Operation,
  { summary: string; request?: keyof typeof requests; answer: keyof typeof responses }
> = {
  "POST /customers": {
    summary: "Upsert customers by the system's external_id (an omitted field is unchanged, null clears it)",
    request: "CustomersRequest",
    answer: "SyncResult",
  },
  "POST /orders": {
    summary: "Upsert orders of customers the system sent",
    request: "OrdersRequest",
    answer: "SyncResult",
  },
  "POST /invoices": {
    summary: "Upsert invoices and their status changes (paid, in_collection, written_off)",
    request: "InvoicesRequest",
    answer: "SyncResult",
  },
  "POST /objections": {
    summary: "Add objections to marketing (add only: never withdrawn by a call)",
    request: "ObjectionsRequest",
    answer: "SyncResult",
  },
  "POST /customers/{external_id}/relationship-end": {
    summary: "Record the end of the customer relationship",
    request: "RelationshipEndRequest",
    answer: "SyncResult",
  },
  "POST /customers/{external_id}/legal-holds": {
    summary: "Set a legal hold (blocks erasure while it applies)",
    request: "LegalHoldSetRequest",
    answer: "LegalHoldResult",
  },
  "POST /customers/{external_id}/legal-holds/{id}/clear": {
    summary: "Clear a legal hold with a reason",
    request: "LegalHoldClearRequest",
    answer: "LegalHoldResult",
  },
  "GET /customers/{external_id}": {
    summary: "What the register holds for a customer the system knows (a protected address is left out)",
    answer: "CustomerView",
  },
};

const stringParam = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: "path",
  required: true,
  description,
  schema,
});

/** The document as an object. */
export function openApiDocument() {
  const externalIdParam = stringParam(
    "external_id",
    "The customer's id in the calling system",
    z.toJSONSchema(externalIdSchema, { target: "draft-2020-12" }) as Record<string, unknown>,
  );
  const holdIdParam = stringParam("id", "The hold's id, as setting it answered", {
    type: "string",
    pattern: "^[a-z0-9]{1,64}$",
  });
  const idempotencyHeader = {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description:
      "A repeat of the same request with the same key (within 24 hours) gets the first answer again, with the header `Idempotent-Replayed: true`, and changes nothing; the same key with another request is refused (422 `idempotency_key_reused`).",
    schema: z.toJSONSchema(idempotencyKeySchema, { target: "draft-2020-12" }),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, op] of Object.entries(operations) as [Operation, (typeof operations)[Operation]][]) {
    const [method, route] = key.split(" ") as [string, string];
    const scope = integrationOperationScopes[key];
    const parameters = [
      ...(route.includes("{external_id}") ? [externalIdParam] : []),
      ...(route.includes("{id}") ? [holdIdParam] : []),
      ...(method === "POST" ? [idempotencyHeader] : []),
    ];
    paths[route] = {
      ...paths[route],
      [method.toLowerCase()]: {
        operationId: `${method.toLowerCase()}${route.replace(/\{[^}]+\}/g, "By").replace(/[^a-zA-Z]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ""))}`,
        summary: op.summary,
        description: `Scope: \`${scope}\`.`,
        security: [{ clientToken: [scope] }],
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(op.request ? { requestBody: { required: true, ...jsonBody(op.request) } } : {}),
        responses: {
          "200": { description: "Done", ...jsonBody(op.answer) },
          "400": errorAnswer("Invalid input: `error.fields` names each field (e.g. `records.3.email`) and its code"),
          "401": errorAnswer("Missing, wrong or revoked token (`token_invalid`)"),
          "403": errorAnswer("The client lacks the scope (`scope_missing`)"),
          ...(route.includes("{external_id}")
            ? { "404": errorAnswer("The system never sent this customer (`customer_unknown`), or no such hold") }
            : {}),
          ...(method === "POST"
            ? {
                "413": errorAnswer(`Body over ${MAX_INTEGRATION_BODY_BYTES} bytes (\`payload_too_large\`)`),
                "422": errorAnswer("Idempotency-Key reused for another request (`idempotency_key_reused`)"),
              }
            : {}),
          "429": errorAnswer("The client's calls a minute are used up; wait `Retry-After` seconds (`rate_limited`)"),
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "tietoni integration API",
      version: String(INTEGRATION_API_VERSION),
      description: [
        "For the controller's connected systems (CRM, web shop, billing, newsletter tool) that keep the register up to date.",
        "Served on the staff listener (internal by default). Authenticate with the API client's token: `Authorization: Bearer tti_<client id>_<secret>`; no cookie is read.",
        `At most ${MAX_RECORDS_PER_CALL} records and ${MAX_INTEGRATION_BODY_BYTES} bytes per call; calls a minute per client as the client is set up (default API_REQUESTS_PER_MINUTE, 120).`,
        "Records use the interchange format v1 (docs/schema/interchange-v1.schema.json): an omitted field is unchanged, null clears it; fields that travel together (address, billing, organisation role) are given together. A field the customer or staff changed after the record's `updated_at` is kept and reported as a conflict.",
        "Every refusal is `{ error: { code, message, fields? } }` with a code from the register's error codes.",
      ].join("\n\n"),
    },
    servers: [{ url: INTEGRATION_API_BASE }],
    paths,
    components: {
      securitySchemes: {
        clientToken: { type: "http", scheme: "bearer", description: "tti_<client id>_<secret>" },
      },
      schemas: { ...componentSchemas(requests, "input"), ...componentSchemas(responses, "output") },
    },
  };
}

/** The document exactly as committed and served: two-space JSON with a final newline. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

/** The committed document, or null when it is not there. */
export function committedOpenApiText(): string | null {
  try {
    return fs.readFileSync(OPENAPI_FILE, "utf8");
  } catch {
    return null;
  }
}
