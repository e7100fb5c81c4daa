import { z } from "zod";
import { emailSchema, phoneSchema, wwwSchema } from "../customer/contact-fields.ts";
import { checkPostalCode, POSTAL_CODE_MAX_LENGTH } from "../customer/postal-codes.ts";
import { locales } from "../i18n/localized.ts";
import { marketingPurposes } from "../marketing/marketing.ts";

/*
 * The interchange format, version 1 (issue 12): what a connected system sends, by file (`pnpm data:import`, the
 * staff upload) or by the integration API. One schema per record; the CSV row is the record's flat part with every
 * cell a string. Published as docs/schema/interchange-v1.schema.json.
 *
 * Upsert semantics, the same on every path: a field the record carries is set, an omitted field (a key left out,
 * a CSV column absent from the header) is unchanged, `null` (an empty CSV cell) clears it. Fields that travel
 * together (the postal address, the billing details, the organisation role) are given all together or not at all.
 * Messages are error codes (errors/error-codes.ts).
 */

export const INTERCHANGE_VERSION = 1;

/** Finnish business ID (Y-tunnus): seven digits, a dash and the check digit (modulus 11, weights 7 9 10 5 8 4 2). */
export function isBusinessId(value: string): boolean {
  const m = /^(\d{7})-(\d)$/.exec(value);
  if (!m) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = [...(m[1] as string)].reduce((s, d, i) => s + Number(d) * (weights[i] as number), 0);
  const r = sum % 11;
  if (r === 1) return false;
  return (r === 0 ? 0 : 11 - r) === Number(m[2]);
}

export const externalIdSchema = z
  .string()
  .trim()
  .min(1, "external_id_required")
  .max(100, "external_id_invalid")
  .regex(/^[\x21-\x7e]+$/, "external_id_invalid");

const isoDate = z.iso.date("date_invalid");
const isoDateTime = z.iso.datetime({ offset: true, error: "date_invalid" });
const name = z.string().trim().min(1, "required").max(100, "too_long");
const text = (max: number) => z.string().trim().min(1, "required").max(max, "too_long");
const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "country_invalid");
const cents = z.number("amount_invalid").int("amount_invalid").min(-1_000_000_000_00).max(1_000_000_000_00);
const currency = z.string().regex(/^[A-Z]{3}$/, "currency_invalid");

/** The interchange's role names (the register's `contactPerson` is `contact_person` here). */
export const interchangeRoles = ["representative", "contact_person"] as const;
/** The interchange's invoice states; `in_collection` is an open invoice with a collection agency. */
export const interchangeInvoiceStatuses = ["open", "paid", "in_collection", "written_off"] as const;
export type InterchangeInvoiceStatus = (typeof interchangeInvoiceStatuses)[number];

/** The flat fields of a customer: the CSV columns, in the documented order. */
export const interchangeCustomerFields = {
  external_id: externalIdSchema,
  first_name: name,
  last_name: name,
  email: emailSchema.nullable(),
  phone: phoneSchema.nullable(),
  street: text(200).nullable(),
  postal_code: z.string().trim().min(1, "required").max(POSTAL_CODE_MAX_LENGTH, "postal_code_too_long").nullable(),
  city: text(100).nullable(),
  country: countryCode.nullable(),
  www: wwwSchema.nullable(),
  language: z.enum(locales, "language_invalid").nullable(),
  organisation: text(200).nullable(),
  organisation_id: z.string().trim().refine(isBusinessId, "business_id_invalid").nullable(),
  organisation_role: z.enum(interchangeRoles, "organisation_role_invalid").nullable(),
  role_start: isoDate.nullable(),
  role_end: isoDate.nullable(),
  billing_name: text(200).nullable(),
  billing_street: text(200).nullable(),
  billing_postal_code: z
    .string()
    .trim()
    .min(1, "required")
    .max(POSTAL_CODE_MAX_LENGTH, "postal_code_too_long")
    .nullable(),
  billing_city: text(100).nullable(),
  e_invoice_address: text(100).nullable(),
  relationship_start: isoDate,
  relationship_end: isoDate.nullable(),
} as const;

export type InterchangeField = keyof typeof interchangeCustomerFields;
export const interchangeCsvColumns = Object.keys(interchangeCustomerFields) as InterchangeField[];
/** Columns a customers CSV must have; any other documented column may be left out (= unchanged). */
export const requiredCsvColumns = ["external_id"] as const satisfies readonly InterchangeField[];
/** An optional extra column and record field: when the values were current at the source (ISO 8601 date-time). */
export const UPDATED_AT = "updated_at";

const fieldsTogether = [
  { group: "address", fields: ["street", "postal_code", "city"], code: "address_incomplete" },
  {
    group: "billing",
    fields: ["billing_name", "billing_street", "billing_postal_code", "billing_city"],
    code: "billing_incomplete",
  },
  {
    group: "organisation",
    fields: ["organisation", "organisation_role", "role_start"],
    code: "organisation_incomplete",
  },
] as const;

type FlatRecord = { [K in InterchangeField]?: z.output<(typeof interchangeCustomerFields)[K]> } & {
  updated_at?: string;
};

/**
 * The cross-field rules of a record: groups given whole (all values, or all null to clear), postal codes checked
 * for the record's country, a role ending no earlier than it starts, a relationship ending no earlier than it starts.
 */
function checkRecord(record: FlatRecord, ctx: z.RefinementCtx) {
  for (const { fields, code } of fieldsTogether) {
    const given = fields.filter((f) => record[f] !== undefined);
    if (given.length === 0) continue;
    const nulls = fields.filter((f) => record[f] === null);
    if (given.length < fields.length || (nulls.length > 0 && nulls.length < fields.length)) {
      ctx.addIssue({
        code: "custom",
        message: code,
        path: [fields.find((f) => record[f] === undefined || record[f] === null) ?? fields[0]],
      });
    }
  }
  for (const [codeField, country] of [
    ["postal_code", record.country ?? "FI"],
    ["billing_postal_code", "FI"],
  ] as const) {
    const value = record[codeField];
    if (typeof value !== "string") continue;
    const check = checkPostalCode(country, value);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.error, path: [codeField] });
  }
  if (record.role_start && record.role_end && record.role_end < record.role_start) {
    ctx.addIssue({ code: "custom", message: "end_before_start", path: ["role_end"] });
  }
  if (record.relationship_start && record.relationship_end && record.relationship_end < record.relationship_start) {
    ctx.addIssue({ code: "custom", message: "end_before_start", path: ["relationship_end"] });
  }
}

const flatShape = Object.fromEntries(
  Object.entries(interchangeCustomerFields).map(([k, s]) => [k, k === "external_id" ? s : s.optional()]),
) as {
  [K in InterchangeField]: K extends "external_id"
    ? (typeof interchangeCustomerFields)[K]
    : z.ZodOptional<(typeof interchangeCustomerFields)[K]>;
};

export const interchangeOrderSchema = z.strictObject({
  external_id: externalIdSchema,
  order_number: text(40),
  ordered_at: isoDateTime,
  status: z.enum(["received", "delivered", "cancelled"], "status_invalid"),
  total_cents: cents,
  currency: currency.default("EUR"),
  lines: z
    .array(
      z.strictObject({
        line_no: z.number().int().min(1).max(10_000),
        product: text(200),
        quantity: z.number().int().min(-1_000_000).max(1_000_000),
        unit_price_cents: cents,
      }),
    )
    .max(1_000, "too_many")
    .default([]),
});
export type InterchangeOrder = z.infer<typeof interchangeOrderSchema>;

export const interchangeInvoiceSchema = z
  .strictObject({
    external_id: externalIdSchema,
    invoice_number: text(40),
    /** The order it bills, by the same system's order `external_id`. */
    order_external_id: externalIdSchema.nullable().optional(),
    issued_on: isoDate,
    due_on: isoDate,
    amount_cents: cents,
    currency: currency.default("EUR"),
    status: z.enum(interchangeInvoiceStatuses, "status_invalid"),
    collection_agency: text(200).nullable().optional(),
    paid_on: isoDate.nullable().optional(),
    written_off_on: isoDate.nullable().optional(),
    /** When the status became true at the source; an older report never overrides a newer status. */
    status_changed_at: isoDateTime.optional(),
  })
  .superRefine((inv, ctx) => {
    if (inv.status === "in_collection" && !inv.collection_agency)
      ctx.addIssue({ code: "custom", message: "collection_agency_required", path: ["collection_agency"] });
    if (inv.status === "paid" && !inv.paid_on)
      ctx.addIssue({ code: "custom", message: "paid_on_required", path: ["paid_on"] });
  });
export type InterchangeInvoice = z.infer<typeof interchangeInvoiceSchema>;

export const interchangeObjectionSchema = z.strictObject({
  purpose: z.enum(marketingPurposes, "purpose_invalid"),
  /** The day the customer objected at the source. */
  date: isoDate,
});

/** A customer's flat fields as a JSON object (a JSON Lines line without nested parts, or one API record). */
export const interchangeCustomerSchema = z
  .strictObject({ ...flatShape, updated_at: isoDateTime.optional() })
  .superRefine(checkRecord);

/** One JSON Lines line: the customer's fields plus their orders, invoices and objections. */
export const interchangeRecordSchema = z
  .strictObject({
    ...flatShape,
    updated_at: isoDateTime.optional(),
    orders: z.array(interchangeOrderSchema).max(10_000, "too_many").optional(),
    invoices: z.array(interchangeInvoiceSchema).max(10_000, "too_many").optional(),
    objections: z
      .array(interchangeObjectionSchema)
      .max(marketingPurposes.length * 4, "too_many")
      .optional(),
  })
  .superRefine(checkRecord);
export type InterchangeRecord = z.infer<typeof interchangeRecordSchema>;

/**
 * One CSV row, its cells keyed by the header: an empty cell is `null` (clears the field), a column absent from the
 * header is absent here (unchanged). The row is then checked as a record.
 */
export const interchangeCsvRowSchema = z.preprocess(
  (row) =>
    row && typeof row === "object"
      ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === "" ? null : v]))
      : row,
  interchangeCustomerSchema,
);
