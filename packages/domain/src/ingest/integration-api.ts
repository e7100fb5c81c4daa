import { z } from "zod";
import { errorMessages } from "../errors/error-codes.ts";
import { locales } from "../i18n/localized.ts";
import { marketingPurposes } from "../marketing/marketing.ts";
import { legalHoldClearSchema, legalHoldSetSchema } from "../record-keeping/legal-holds.ts";
import { type integrationScopes, rowOutcomes } from "./inbound.ts";
import {
  externalIdSchema,
  interchangeCustomerSchema,
  interchangeInvoiceSchema,
  interchangeInvoiceStatuses,
  interchangeObjectionSchema,
  interchangeOrderSchema,
  interchangeRoles,
} from "./interchange.ts";

/*
 * The integration API, version 1 (issue 12): what a connected system's API client sends to and gets from
 * `/api/integration/v1` on the staff listener. The records are the interchange format's (interchange.ts), so a call
 * is validated exactly as a file's line is; the BFF's routes validate with these schemas and its OpenAPI document
 * (docs/openapi/integration-v1.json) is generated from them. A call is validated whole: one invalid record refuses
 * the call (400, the field's path names the record), so a client never has to work out which half of a call landed.
 */

export const INTEGRATION_API_VERSION = 1;
export const INTEGRATION_API_BASE = "/api/integration/v1";

/** At most this many records in one call (the limit; the body is capped at 1 MiB as well). */
export const MAX_RECORDS_PER_CALL = 1_000;
/** The largest request body of an integration call. */
export const MAX_INTEGRATION_BODY_BYTES = 1024 * 1024;

/** The `Idempotency-Key` header: any visible ASCII, as clients generate UUIDs, ULIDs or their own ids. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, "idempotency_key_invalid");

const records = <T extends z.ZodType>(record: T) =>
  z.strictObject({
    records: z.array(record).min(1, "required").max(MAX_RECORDS_PER_CALL, "too_many_records"),
  });

const customerRef = { customer_external_id: externalIdSchema };

/** `POST /customers`: customers upserted by the system's `external_id` (omitted field unchanged, `null` clears). */
export const integrationCustomersInputSchema = records(interchangeCustomerSchema);

export type IntegrationCustomersInput = z.infer<typeof integrationCustomersInputSchema>;

/** `POST /orders`: a customer's orders, upserted by each order's `external_id`. */
export const integrationOrdersInputSchema = records(
  z.strictObject({
    ...customerRef,
    orders: z.array(interchangeOrderSchema).min(1, "required").max(10_000, "too_many"),
  }),
);

/** `POST /invoices`: a customer's invoices and their status changes (paid, in collection, written off). */
export const integrationInvoicesInputSchema = records(
  z.strictObject({
    ...customerRef,
    invoices: z.array(interchangeInvoiceSchema).min(1, "required").max(10_000, "too_many"),
  }),
);

/** `POST /objections`: objections to marketing, add only: a call never withdraws one. */
export const integrationObjectionsInputSchema = records(
  z.strictObject({
    ...customerRef,
    objections: z
      .array(interchangeObjectionSchema)
      .min(1, "required")
      .max(marketingPurposes.length * 4, "too_many"),
  }),
);

/** The parts of customers the system already sent: orders, invoices or objections. */
export type IntegrationPartsInput =
  | z.infer<typeof integrationOrdersInputSchema>
  | z.infer<typeof integrationInvoicesInputSchema>
  | z.infer<typeof integrationObjectionsInputSchema>;

/** `POST /customers/{external_id}/relationship-end`: the recorded end of the customer relationship. */
export const integrationRelationshipEndInputSchema = z.strictObject({
  date: z.iso.date("date_invalid"),
  /** When the end was recorded at the source; the conflict rule compares it as any field's time. */
  updated_at: z.iso.datetime({ offset: true, error: "date_invalid" }).optional(),
});

export type IntegrationRelationshipEndInput = z.infer<typeof integrationRelationshipEndInputSchema>;

/** `POST /customers/{external_id}/legal-holds`: the staff app's schema, the same rules. */
export const integrationLegalHoldSetInputSchema = legalHoldSetSchema;
/** `POST /customers/{external_id}/legal-holds/{id}/clear`. */
export const integrationLegalHoldClearInputSchema = legalHoldClearSchema;

/** Path parameters. */
export const integrationCustomerParamSchema = z.strictObject({ external_id: externalIdSchema });
export const integrationHoldParamSchema = z.strictObject({
  external_id: externalIdSchema,
  id: z.string().regex(/^[a-z0-9]{1,64}$/, "id_invalid"),
});

/** The answer for one record of a call, in the order sent. */
export const integrationRecordResultSchema = z.object({
  /** The record's position in `records` (0-based). */
  index: z.number().int(),
  externalId: z.string(),
  outcome: z.enum(rowOutcomes),
  /** The register's id of the customer the record was applied to; absent when it was not applied. */
  customerId: z.string().nullable(),
  /** Fields kept because the customer or staff changed them after this record's time. */
  conflicts: z.array(z.string()),
  /** Why the record was refused or held (an error code of the BFF). */
  code: z.string().optional(),
});
export type IntegrationRecordResult = z.infer<typeof integrationRecordResultSchema>;

export const integrationSyncResultSchema = z.object({
  results: z.array(integrationRecordResultSchema),
  counts: z.record(z.enum(rowOutcomes), z.number().int()),
});
export type IntegrationSyncResult = z.infer<typeof integrationSyncResultSchema>;

export const integrationHoldResultSchema = z.object({ id: z.string() });

/**
 * `GET /customers/{external_id}` (scope register:read): what the register holds for a customer this system knows.
 * A protected address (an update service's non-disclosure flag) is never sent: its fields are left out and
 * `address_protected` says why.
 */
export const integrationCustomerViewSchema = z.object({
  external_id: z.string(),
  customer_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  street: z.string().nullable().optional(),
  postal_code: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
  address_protected: z.boolean(),
  www: z.string().nullable(),
  language: z.enum(locales).nullable(),
  relationship_start: z.string(),
  relationship_end: z.string().nullable(),
  roles: z.array(
    z.object({
      organisation: z.string(),
      organisation_id: z.string().nullable(),
      role: z.enum(interchangeRoles),
      role_start: z.string(),
      role_end: z.string().nullable(),
    }),
  ),
  /** The invoices this system sent (by its own `external_id`), with their current state. */
  invoices: z.array(
    z.object({
      external_id: z.string(),
      invoice_number: z.string(),
      status: z.enum(interchangeInvoiceStatuses),
      due_on: z.string(),
      amount_cents: z.number().int(),
      currency: z.string(),
      collection_agency: z.string().nullable(),
      paid_on: z.string().nullable(),
      written_off_on: z.string().nullable(),
    }),
  ),
  /** The purposes the customer has objected to, whichever channel it came through. */
  objections: z.array(z.enum(marketingPurposes)),
  /** Legal holds that apply today (reasons stay in the register: they may name people). */
  legal_holds: z.array(z.object({ id: z.string(), reference: z.string().nullable(), ends_on: z.string().nullable() })),
});
export type IntegrationCustomerView = z.infer<typeof integrationCustomerViewSchema>;

/** The BFF's error body, as every refusal of the integration API carries it. */
export const integrationErrorSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorMessages) as [keyof typeof errorMessages, ...(keyof typeof errorMessages)[]]),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), code: z.string() })).optional(),
  }),
});

/** Which scope each operation needs; the OpenAPI document and the routes read it from here. */
export const integrationOperationScopes = {
  "POST /customers": "customers:write",
  "POST /orders": "orders:write",
  "POST /invoices": "invoices:write",
  "POST /objections": "objections:write",
  "POST /customers/{external_id}/relationship-end": "customers:write",
  "POST /customers/{external_id}/legal-holds": "holds:write",
  "POST /customers/{external_id}/legal-holds/{id}/clear": "holds:write",
  "GET /customers/{external_id}": "register:read",
} as const satisfies Record<string, (typeof integrationScopes)[number]>;
