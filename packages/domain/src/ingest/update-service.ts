import { z } from "zod";
import { checkPostalCode, POSTAL_CODE_MAX_LENGTH } from "../customer/postal-codes.ts";

/*
 * An update service's name and address file (issue 12, the notice's "updates from authorities' and companies'
 * update services"), documented in docs/interchange.md. One CSV row per change, keyed by the register's own
 * customer id (the reference the register gave the service when it asked for updates):
 *
 *   customer_reference, first_name, last_name, street, postal_code, city, country, effective_date, non_disclosure
 *
 * Unlike the interchange CSV an empty cell means "not given" (an update service reports what changed, it never
 * clears a name), so every column but `customer_reference` and `effective_date` may be empty or absent. The postal
 * address travels together: street, postal code and city all given or none (the country defaults to FI).
 */

export const updateServiceColumns = [
  "customer_reference",
  "first_name",
  "last_name",
  "street",
  "postal_code",
  "city",
  "country",
  "effective_date",
  "non_disclosure",
] as const;
export type UpdateServiceColumn = (typeof updateServiceColumns)[number];
export const requiredUpdateServiceColumns = ["customer_reference", "effective_date"] as const;

const given = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());
const name = z.string().trim().min(1, "required").max(100, "too_long");
const text = (max: number) => z.string().trim().min(1, "required").max(max, "too_long");

export const updateServiceRowSchema = z
  .strictObject({
    customer_reference: z
      .string("customer_reference_invalid")
      .trim()
      // The register's customer id (common/ids.ts), as the register gave it to the service.
      .regex(/^[a-z0-9]{1,40}$/, "customer_reference_invalid"),
    first_name: given(name),
    last_name: given(name),
    street: given(text(200)),
    postal_code: given(z.string().trim().min(1, "required").max(POSTAL_CODE_MAX_LENGTH, "postal_code_too_long")),
    city: given(text(100)),
    country: given(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, "country_invalid"),
    ),
    effective_date: z.iso.date("date_invalid"),
    non_disclosure: given(z.enum(["true", "false"], "non_disclosure_invalid")),
  })
  .superRefine((row, ctx) => {
    const address = [row.street, row.postal_code, row.city];
    const addressGiven = address.filter((v) => v !== undefined).length;
    if (addressGiven > 0 && addressGiven < 3) {
      const missing = (["street", "postal_code", "city"] as const).find((f) => row[f] === undefined);
      ctx.addIssue({ code: "custom", message: "address_incomplete", path: [missing ?? "street"] });
    }
    if (row.country !== undefined && addressGiven === 0) {
      ctx.addIssue({ code: "custom", message: "address_incomplete", path: ["street"] });
    }
    if (row.postal_code !== undefined) {
      const check = checkPostalCode(row.country ?? "FI", row.postal_code);
      if (!check.ok) ctx.addIssue({ code: "custom", message: check.error, path: ["postal_code"] });
    }
    if (
      row.first_name === undefined &&
      row.last_name === undefined &&
      addressGiven === 0 &&
      row.non_disclosure === undefined
    ) {
      ctx.addIssue({ code: "custom", message: "update_empty", path: ["first_name"] });
    }
  });
export type UpdateServiceRow = z.infer<typeof updateServiceRowSchema>;

/**
 * What an update-service row changes, as the ingest service's record (the interchange's field names): the
 * effective date is the values' source time (midnight UTC of that day), the flag is the protected-address fact.
 */
export function updateServiceChange(row: UpdateServiceRow): {
  customerId: string;
  record: {
    first_name?: string;
    last_name?: string;
    street?: string;
    postal_code?: string;
    city?: string;
    country?: string;
    updated_at: string;
  };
  addressProtected?: boolean;
} {
  const record: ReturnType<typeof updateServiceChange>["record"] = {
    updated_at: `${row.effective_date}T00:00:00Z`,
  };
  if (row.first_name !== undefined) record.first_name = row.first_name;
  if (row.last_name !== undefined) record.last_name = row.last_name;
  if (row.street !== undefined && row.postal_code !== undefined && row.city !== undefined) {
    record.street = row.street;
    const check = checkPostalCode(row.country ?? "FI", row.postal_code);
    record.postal_code = check.ok ? check.postalCode : row.postal_code;
    record.city = row.city;
    record.country = row.country ?? "FI";
  }
  return {
    customerId: row.customer_reference,
    record,
    ...(row.non_disclosure === undefined ? {} : { addressProtected: row.non_disclosure === "true" }),
  };
}
