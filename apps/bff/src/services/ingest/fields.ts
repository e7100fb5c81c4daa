import { type DataCategoryId, helsinkiDate, type InterchangeRecord, registerRoleOf } from "@tietoni/domain";
import type { UpdateServiceFacts } from "./contract.ts";

/*
 * The register's fields as the ingest service compares them: each field is one thing a person would correct as one
 * (the postal address is street, postal code, city and country together), named as the field history names it
 * (`field_changes.field`), shown as one line, and written as columns. The conflict rule decides per field.
 */

export type CustomerColumns = {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  www: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  language: "fi" | "en" | null;
  addressProtected: boolean;
  relationshipStart: string;
  relationshipEnd: string | null;
};

export type BillingColumns = { billingName: string; street: string; postalCode: string; city: string } | null;

export type OrganisationValue = {
  name: string;
  businessId: string | null;
  role: "representative" | "contactPerson";
  start: string;
  end: string | null;
} | null;

/** One field's incoming value: what to write, and the line the history and the desk show. */
export type FieldValue =
  | { field: "customer"; name: CustomerField; columns: Partial<CustomerColumns>; display: string | null }
  | { field: "billing"; name: "billing"; value: BillingColumns; display: string | null }
  | { field: "eInvoiceAddress"; name: "eInvoiceAddress"; value: string | null; display: string | null }
  | { field: "organisation"; name: "organisation"; value: OrganisationValue; display: string | null };

export type CustomerField =
  | "firstName"
  | "lastName"
  | "email"
  | "phone"
  | "www"
  | "postalAddress"
  | "language"
  | "addressProtected"
  | "relationshipStart"
  | "relationshipEnd";

export type FieldName = FieldValue["name"];

/** The data category of each field, for the source records (`datum_sources`); null: not a category of the notice. */
export const categoryOfField: Record<FieldName, DataCategoryId | null> = {
  firstName: "name",
  lastName: "name",
  email: "email",
  phone: "phone",
  www: "www",
  postalAddress: "postalAddress",
  language: null,
  addressProtected: "postalAddress",
  relationshipStart: null,
  relationshipEnd: null,
  billing: "billing",
  eInvoiceAddress: "billing",
  organisation: "organisation",
};

/**
 * The history's names a field's last change may be recorded under: staff corrections (issue 4) record the billing
 * name and the billing address apart, the ingest service records them as one.
 */
export const historyNamesOf: Partial<Record<FieldName, readonly string[]>> = {
  billing: ["billing", "billingName", "billingAddress"],
};

export const addressLine = (a: {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
}) => (a.street === null ? null : `${a.street}, ${a.postalCode ?? ""} ${a.city ?? ""}, ${a.country ?? "FI"}`);

export const billingLine = (b: BillingColumns) =>
  b === null ? null : `${b.billingName}, ${b.street}, ${b.postalCode} ${b.city}`;

export const organisationLine = (o: OrganisationValue) =>
  o === null ? null : `${o.name}${o.businessId ? ` (${o.businessId})` : ""}, ${o.role}, ${o.start}–${o.end ?? ""}`;

export const customerDisplay = (name: CustomerField, c: Partial<CustomerColumns>): string | null => {
  switch (name) {
    case "postalAddress":
      return addressLine({
        street: c.street ?? null,
        postalCode: c.postalCode ?? null,
        city: c.city ?? null,
        country: c.country ?? null,
      });
    case "addressProtected":
      return c.addressProtected ? "true" : "false";
    default: {
      const v = c[name];
      return v === undefined || v === null ? null : String(v);
    }
  }
};

/** The current value of each field of a stored customer, as the incoming values are shown. */
export function currentDisplay(
  name: FieldName,
  c: CustomerColumns,
  billing: {
    billingName: string;
    street: string;
    postalCode: string;
    city: string;
    eInvoiceAddress: string | null;
  } | null,
  organisation: OrganisationValue,
): string | null {
  if (name === "billing") return billingLine(billing);
  if (name === "eInvoiceAddress") return billing?.eInvoiceAddress ?? null;
  if (name === "organisation") return organisationLine(organisation);
  return customerDisplay(name, c);
}

/**
 * The fields a record carries, each with its value; omitted fields are absent (unchanged). The address's country
 * belongs to the address: given alone it changes the address's country; an address cleared without one clears it.
 */
export function incomingFields(
  record: Partial<InterchangeRecord> & UpdateServiceFacts,
  current: Pick<CustomerColumns, "country"> | null,
): FieldValue[] {
  const out: FieldValue[] = [];
  const simple = (name: CustomerField, columns: Partial<CustomerColumns>) =>
    out.push({ field: "customer", name, columns, display: customerDisplay(name, columns) });
  if (record.first_name !== undefined) simple("firstName", { firstName: record.first_name });
  if (record.last_name !== undefined) simple("lastName", { lastName: record.last_name });
  if (record.email !== undefined)
    simple("email", { email: record.email === null ? null : record.email.trim().toLowerCase() });
  if (record.phone !== undefined) simple("phone", { phone: record.phone });
  if (record.www !== undefined) simple("www", { www: record.www });
  if (record.language !== undefined) simple("language", { language: record.language });
  if (record.addressProtected !== undefined) simple("addressProtected", { addressProtected: record.addressProtected });
  if (record.relationship_start !== undefined)
    simple("relationshipStart", { relationshipStart: record.relationship_start });
  if (record.relationship_end !== undefined) simple("relationshipEnd", { relationshipEnd: record.relationship_end });
  if (record.street !== undefined || record.country !== undefined) {
    // The schema makes street, postal code and city travel together; the country may come alone.
    const cleared = record.street === null;
    const columns: Partial<CustomerColumns> =
      record.street !== undefined
        ? {
            street: record.street,
            postalCode: record.postal_code ?? null,
            city: record.city ?? null,
            country: cleared ? (record.country ?? null) : (record.country ?? current?.country ?? "FI"),
          }
        : { country: record.country ?? null };
    out.push({ field: "customer", name: "postalAddress", columns, display: null });
  }
  if (record.billing_name !== undefined) {
    const value: BillingColumns =
      record.billing_name === null
        ? null
        : {
            billingName: record.billing_name,
            street: record.billing_street ?? "",
            postalCode: record.billing_postal_code ?? "",
            city: record.billing_city ?? "",
          };
    out.push({ field: "billing", name: "billing", value, display: billingLine(value) });
  }
  if (record.e_invoice_address !== undefined) {
    out.push({
      field: "eInvoiceAddress",
      name: "eInvoiceAddress",
      value: record.e_invoice_address,
      display: record.e_invoice_address,
    });
  }
  if (record.organisation !== undefined) {
    const value: OrganisationValue =
      record.organisation === null || !record.organisation_role || !record.role_start
        ? null
        : {
            name: record.organisation,
            businessId: record.organisation_id ?? null,
            role: registerRoleOf(record.organisation_role),
            start: record.role_start,
            end: record.role_end ?? null,
          };
    out.push({ field: "organisation", name: "organisation", value, display: organisationLine(value) });
  }
  return out;
}

/** The postal address's columns completed from the stored ones (a country given alone keeps the street). */
export function completeAddress(value: Partial<CustomerColumns>, current: CustomerColumns): Partial<CustomerColumns> {
  if (value.street !== undefined) return value;
  return { street: current.street, postalCode: current.postalCode, city: current.city, country: value.country ?? null };
}

/** The day (Finnish time) of a moment: a record's time as a date (a new relationship's default start). */
export const dayOf = (ms: number) => helsinkiDate(ms);
