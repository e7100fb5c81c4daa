import { z } from "zod";
import { emailSchema, phoneSchema, postalAddressSchema, wwwSchema } from "../customer/contact-fields.ts";
import { organisationRoleKinds } from "../customer/customer-record.ts";
import type { Localized } from "../i18n/localized.ts";
import { locales } from "../i18n/localized.ts";
import { isBusinessId } from "../ingest/interchange.ts";
import { marketingPurposes } from "../marketing/marketing.ts";

/*
 * Staff record-keeping (issue 12, part E1): what arrives by phone, letter or e-mail and is typed in by a staff
 * member — a new customer, a correction of any field, an objection, the identity check of a paper access request.
 * Every operation carries the staff member's reason: it goes into the field history and the audit trail.
 * The contact fields reuse the portal's own validators (customer/contact-fields.ts), so a value staff may type is
 * a value the customer could have typed. Messages are error codes (errors/error-codes.ts).
 */

const reason = z.string({ error: "reason_required" }).trim().min(3, "reason_required").max(1000, "too_long");
const personName = z.string().trim().min(1, "required").max(100, "too_long");
const isoDate = z.iso.date("date_invalid");

/** An organisation the customer acts for: found by its business ID, else by its exact name, else created. */
export const staffOrganisationSchema = z.strictObject({
  name: z.string().trim().min(1, "required").max(200, "too_long"),
  businessId: z.string().trim().refine(isBusinessId, "business_id_invalid").nullable().default(null),
  role: z.enum(organisationRoleKinds, "organisation_role_invalid").default("representative"),
});
export type StaffOrganisationInput = z.infer<typeof staffOrganisationSchema>;

/**
 * A customer created by staff. The e-mail address is optional (a customer who writes letters may have none), and
 * unique among customers when given. The relationship starts today unless staff give the day it started.
 */
export const createCustomerInputSchema = z.strictObject({
  firstName: personName,
  lastName: personName,
  email: emailSchema.nullable().default(null),
  phone: phoneSchema.nullable().default(null),
  postalAddress: postalAddressSchema.nullable().default(null),
  www: wwwSchema.nullable().default(null),
  language: z.enum(locales, "language_invalid").nullable().default(null),
  relationshipStart: isoDate.nullable().default(null),
  organisation: staffOrganisationSchema.nullable().default(null),
  reason,
});
export type CreateCustomerInput = z.infer<typeof createCustomerInputSchema>;

/** A billing address has no country of its own to choose in the form: the register's invoices are Finnish. */
const billingAddressSchema = postalAddressSchema;

/**
 * A correction of any of the customer's fields by staff. A field left out is unchanged; `null` clears a field that
 * may be empty (never a name, the relationship's start or the organisation — ending a role is its own operation).
 */
export const correctCustomerInputSchema = z.strictObject({
  changes: z
    .strictObject({
      firstName: personName.optional(),
      lastName: personName.optional(),
      email: emailSchema.nullable().optional(),
      phone: phoneSchema.nullable().optional(),
      postalAddress: postalAddressSchema.nullable().optional(),
      www: wwwSchema.nullable().optional(),
      language: z.enum(locales, "language_invalid").nullable().optional(),
      relationshipStart: isoDate.optional(),
      organisation: staffOrganisationSchema.omit({ role: true }).optional(),
      billingName: z.string().trim().min(1, "required").max(200, "too_long").optional(),
      billingAddress: billingAddressSchema.optional(),
      eInvoiceAddress: z.string().trim().min(1, "required").max(100, "too_long").nullable().optional(),
    })
    .refine((v) => Object.values(v).some((x) => x !== undefined), "required"),
  reason,
});
export type CorrectCustomerInput = z.infer<typeof correctCustomerInputSchema>;
export type StaffCorrectableField = keyof CorrectCustomerInput["changes"];

/** How a customer's objection reached staff. Stored as marketing channel `staff`; the way it came is audited. */
export const staffObjectionChannels = ["phone", "letter", "email"] as const;
export type StaffObjectionChannel = (typeof staffObjectionChannels)[number];

/**
 * An objection received by phone, letter or e-mail: the purposes the customer objected to. A withdrawal (marketing
 * back on) is recorded only when the customer asked for it (`customerAsked`), never on staff's own initiative.
 */
export const recordObjectionInputSchema = z
  .strictObject({
    channel: z.enum(staffObjectionChannels, "objection_channel_invalid"),
    purposes: z
      .array(z.enum(marketingPurposes, "invalid_input"))
      .min(1, "required")
      .max(marketingPurposes.length, "too_long"),
    withdraw: z.boolean().default(false),
    customerAsked: z.boolean().default(false),
    reason,
  })
  .refine((v) => !v.withdraw || v.customerAsked, { message: "withdrawal_needs_customer_request", path: ["withdraw"] });
export type RecordObjectionInput = z.infer<typeof recordObjectionInputSchema>;

/** How the identity of the person behind a paper (or e-mail) access request was verified. */
export const identityMethods = [
  "inPersonWithId",
  "strongElectronicId",
  "signedLetterMatchingAddress",
  "other",
] as const;
export type IdentityMethod = (typeof identityMethods)[number];

export const verifyIdentityInputSchema = z
  .strictObject({
    method: z.enum(identityMethods, "identity_method_invalid"),
    /** What was done, for `other` only. */
    otherText: z.string().trim().max(500, "too_long").nullable().default(null),
  })
  .refine((v) => v.method !== "other" || (v.otherText ?? "").length >= 3, {
    message: "identity_other_text_required",
    path: ["otherText"],
  })
  .refine((v) => v.method === "other" || !v.otherText, { message: "invalid_input", path: ["otherText"] });
export type VerifyIdentityInput = z.infer<typeof verifyIdentityInputSchema>;

/** `requests.identity_method` as stored: the method id, with the text after "other:" for `other`. */
export function storedIdentityMethod(input: VerifyIdentityInput): string {
  return input.method === "other" ? `other: ${input.otherText ?? ""}` : input.method;
}

/** The method id of a stored value (unknown values read as `other`). */
export function identityMethodOf(stored: string): { method: IdentityMethod; otherText: string | null } {
  const known = identityMethods.find((m) => m !== "other" && m === stored);
  if (known) return { method: known, otherText: null };
  return { method: "other", otherText: stored.startsWith("other: ") ? stored.slice("other: ".length) : stored };
}

export const identityMethodNames: Record<IdentityMethod, Localized> = {
  inPersonWithId: {
    fi: "Henkilökohtaisesti, henkilöllisyystodistuksen kanssa",
    en: "In person, with an identity document",
  },
  strongElectronicId: { fi: "Vahva sähköinen tunnistus", en: "Strong electronic identification" },
  signedLetterMatchingAddress: {
    fi: "Allekirjoitettu kirje rekisterissä olevasta postiosoitteesta",
    en: "A signed letter from the postal address in the register",
  },
  other: { fi: "Muu tapa", en: "Another way" },
};

export const staffObjectionChannelNames: Record<StaffObjectionChannel, Localized> = {
  phone: { fi: "Puhelimitse", en: "By phone" },
  letter: { fi: "Kirjeellä", en: "By letter" },
  email: { fi: "Sähköpostilla", en: "By e-mail" },
};

/** Whether an access request may get an export produced by staff: verified, of type access, and not decided. */
export function exportableAccessRequest(r: {
  type: string;
  channel: string;
  identityVerifiedAt: number | null;
}): { ok: true } | { ok: false; code: "identity_not_verified" | "not_paper_access" } {
  if (r.type !== "access" || r.channel === "portal") return { ok: false, code: "not_paper_access" };
  if (r.identityVerifiedAt === null) return { ok: false, code: "identity_not_verified" };
  return { ok: true };
}

/**
 * Names of the history fields staff record-keeping writes besides the correctable ones (`correctableFieldNames`):
 * the portal's change history shows them by name, not by id.
 */
export const staffRecordFieldNames = {
  language: { fi: "Asiointikieli", en: "Language" },
  relationshipStart: { fi: "Asiakkuuden alkamispäivä", en: "Start of the customer relationship" },
  marketingObjections: { fi: "Markkinointikiellot", en: "Marketing objections" },
} as const satisfies Record<string, Localized>;
