import { z } from "zod";
import {
  billingDetailsSchema,
  customerProfileSchema,
  datumSourceSchema,
  erasureScheduleSchema,
  invoiceSchema,
  ipAddressSeenSchema,
  orderSchema,
  organisationRoleSchema,
} from "../customer/customer-record.ts";
import { marketingChannels, marketingPurposes } from "../marketing/marketing.ts";
import { disclosureChannels, disclosureLegalBases, disclosureReasons } from "../outbox/disclosures.ts";
import { dataCategoryIds, sourceIds } from "../register/ids.ts";
import { type RegisterDescription, rightIds } from "../register/register-description.ts";
import { requestViewSchema } from "../requests/request-model.ts";

/**
 * The customer's data download (Art. 15 access, Art. 20 portability), version 2.
 * The BFF streams this document key by key in the order declared here; its JSON Schema is generated from
 * these zod schemas, published at /api/portal/export/schema/v2.json and committed as docs/schema/export-v2.schema.json.
 * A breaking change gets a new version (and a new schema file), never an edit of a published one.
 *
 * Versions: 1 (issues 3–10); 2 (issue 11) adds each purpose's `legalBasis` and lets a correction request name the
 * phone number, postal address and web address. The schemas are strict (no unknown keys), so a version 2 document
 * fails version 1's schema: hence a new version. Version 1's schema stays published, frozen, for downloads made
 * before (docs/schema/export-v1.schema.json).
 * Issue 12 adds to version 2 (additive, nothing renamed or removed): the profile's `addressProtected`, each
 * invoice's `collectionAgency` and `writtenOffOn`, each source's `systemName`, the customer's `erasureSchedule` and
 * the register's `retention.relationshipEndsAfterMonths`.
 * Issue 13 adds to version 2 (additive): the customer's `disclosures`, the log of who received their data.
 * Issue 15 adds to version 2 (additive): `noticeVersion`, the version of the privacy notice in force when the file
 * was made.
 */

export const EXPORT_VERSION = 2;
export const EXPORT_FORMAT_ID = "tietoni-export";

export const exportFormats = ["json", "csv", "html"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const isoDateTime = z.iso.datetime();
const localizedSchema = z
  .object({ fi: z.string(), en: z.string() })
  .meta({ description: "A text in Finnish and English" });

const contactDetailsSchema = z.object({
  name: z.string(),
  streetAddress: z.string(),
  postalCode: z.string(),
  city: z.string(),
  phone: z.string(),
  email: z.string(),
});

const namedEntrySchema = z.object({ name: localizedSchema, description: localizedSchema });

/** The register description's Art. 13/15 context, copied as is into every download. */
export const exportRegisterSchema = z
  .object({
    controller: contactDetailsSchema,
    contactPerson: contactDetailsSchema,
    registerName: localizedSchema,
    noticeDate: z.iso.date().meta({ description: "The date the privacy notice was drawn up" }),
    legalBasis: z.object({ article: z.string(), text: localizedSchema }),
    purposes: z.array(
      z.object({
        id: z.string(),
        text: localizedSchema,
        legalBasis: z
          .object({
            article: z.string().meta({ description: "The point of GDPR Art. 6(1), e.g. 6(1)(b)" }),
            name: localizedSchema,
          })
          .meta({ description: "The legal basis of this purpose" }),
      }),
    ),
    // Issue 15: a notice may omit a category the controller does not hold.
    dataCategories: z.partialRecord(
      z.enum(dataCategoryIds),
      z.object({
        name: localizedSchema,
        description: localizedSchema,
        purposeIds: z.array(z.string()),
        sources: z.array(z.enum(sourceIds)),
        recipients: z.array(z.string()),
        retention: localizedSchema,
      }),
    ),
    sources: z.partialRecord(z.enum(sourceIds), namedEntrySchema),
    recipients: z.record(z.string(), namedEntrySchema),
    disclosures: localizedSchema,
    transfersOutsideEea: localizedSchema,
    retention: z.object({
      years: z.number().int().nullable(),
      // Additive in version 2 (issue 12): the lifecycle rule's register setting.
      relationshipEndsAfterMonths: z.number().int().meta({
        description:
          "Without a recorded end, open invoices or active roles, the relationship ends this many months after its last activity",
      }),
      text: localizedSchema,
    }),
    automatedDecisionMaking: localizedSchema,
    rights: z.array(
      z.object({ id: z.enum(rightIds), article: z.string(), title: localizedSchema, text: localizedSchema }),
    ),
    supervisoryAuthority: z.object({
      name: localizedSchema,
      postalAddress: z.string(),
      visitingAddress: z.string(),
      phone: z.string(),
      email: z.string(),
      web: z.string(),
      complaintText: localizedSchema,
    }),
  })
  .meta({ description: "Who processes the data, why, on what basis, from where, to whom, for how long; your rights" });
export type ExportRegister = z.infer<typeof exportRegisterSchema>;

export const marketingChangeSchema = z.object({
  purpose: z.enum(marketingPurposes),
  from: z.boolean().meta({ description: "Objected before the change" }),
  to: z.boolean().meta({ description: "Objected after the change" }),
  at: isoDateTime,
  channel: z.enum(marketingChannels),
});

export const fieldChangeSchema = z.object({
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  at: isoDateTime,
  actorType: z.enum(["customer", "staff", "system"]),
  reason: z.string().nullable(),
});

export const signInEntrySchema = z.object({
  at: isoDateTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const activeSessionSchema = z.object({
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const staffViewSchema = z.object({
  at: isoDateTime,
  staffRole: z.string().meta({ description: "The role of the staff member, e.g. agent or admin; never their name" }),
  action: z.string(),
  why: localizedSchema,
});

export type StaffView = z.infer<typeof staffViewSchema>;

export const downloadEntrySchema = z.object({ format: z.enum(exportFormats), at: isoDateTime });

/** One disclosure of the customer's data (issue 13), as the portal's "who received my data" shows it. */
export const disclosureEntrySchema = z.object({
  at: isoDateTime,
  channel: z.enum(disclosureChannels).meta({
    description:
      "webhook: sent automatically to a connected system; mailing_list: on an exported mailing list; manual: recorded by staff",
  }),
  systemName: z.string().nullable().meta({ description: "The receiving system's registered name, if it was one" }),
  noticeRecipient: z
    .object({ id: z.string(), name: localizedSchema })
    .nullable()
    .meta({ description: "The recipient of the privacy notice it belongs to (see register.recipients)" }),
  categories: z.array(z.enum(dataCategoryIds)).meta({ description: "The categories of your data it received" }),
  legalBasis: z.enum(disclosureLegalBases),
  reason: z.enum(disclosureReasons),
  eventType: z.string().nullable().meta({ description: "The event an automatic transfer carried" }),
});

export const exportCustomerSchema = z.object({
  profile: customerProfileSchema,
  organisationRoles: z.array(organisationRoleSchema),
  ipAddresses: z.array(ipAddressSeenSchema).meta({ description: "Newest first" }),
  orders: z.array(orderSchema).meta({ description: "Every order, newest first, each with its lines" }),
  invoices: z.array(invoiceSchema),
  billing: billingDetailsSchema.nullable(),
  sources: z.array(datumSourceSchema).meta({ description: "Where each category of your data came from" }),
  // Additive in version 2 (issue 12).
  erasureSchedule: erasureScheduleSchema.meta({
    description: "When your customer relationship ends and the day your data is due to be erased",
  }),
  requests: z.array(requestViewSchema).meta({ description: "Your data protection requests and their decisions" }),
  marketing: z.object({
    objections: z.record(z.enum(marketingPurposes), z.boolean()).meta({ description: "true: you have objected" }),
    history: z.array(marketingChangeSchema).meta({ description: "Every change, oldest first" }),
  }),
  contactChanges: z.array(fieldChangeSchema).meta({ description: "Every change to your data, oldest first" }),
  signIns: z.array(signInEntrySchema).meta({ description: "Newest first" }),
  sessions: z.array(activeSessionSchema).meta({ description: "Sessions still active when the file was made" }),
  staffViews: z.array(staffViewSchema).meta({
    description:
      "Every time staff read your data, newest first: your record opened, your name among search results, your data on a mailing list",
  }),
  downloads: z.array(downloadEntrySchema).meta({ description: "Your downloads of your data, newest first" }),
  // Additive in version 2 (issue 13).
  disclosures: z.array(disclosureEntrySchema).meta({
    description: "Who received your data: every disclosure to a recipient, newest first",
  }),
});
export type ExportCustomer = z.infer<typeof exportCustomerSchema>;

/** Issue 15: which version of the privacy notice was in force when the file was made (the register's record). */
export const exportNoticeVersionSchema = z
  .object({
    id: z.number().int().meta({ description: "The register's number of this version" }),
    sha256: z.string().meta({ description: "SHA-256 of the notice's canonical JSON: identifies the exact text" }),
    noticeDate: z.iso.date().meta({ description: "The date the notice itself states" }),
    inForceSince: isoDateTime.meta({ description: "When this version came into force in the register" }),
  })
  .meta({ description: "The version of the privacy notice in force when this file was made" });
export type ExportNoticeVersion = z.infer<typeof exportNoticeVersionSchema>;

export const exportDocumentSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT_ID),
    version: z.literal(EXPORT_VERSION),
    generatedAt: isoDateTime,
    register: exportRegisterSchema,
    // Additive in version 2 (issue 15); null only before the register recorded its first version.
    noticeVersion: exportNoticeVersionSchema.nullable(),
    customer: exportCustomerSchema,
  })
  .meta({
    title: `tietoni data export, version ${EXPORT_VERSION}`,
    description: "Everything the register holds on one customer, with the register's privacy notice (GDPR Art. 15, 20)",
  });
export type ExportDocument = z.infer<typeof exportDocumentSchema>;

/**
 * The register part of an export: the description's fields in the schema's key order. Parsing copies and checks
 * them, and drops what an export does not carry (security measures, cookies).
 */
export function exportRegister(description: RegisterDescription): ExportRegister {
  return exportRegisterSchema.parse(description);
}

/** The published JSON Schema of the current version (draft 2020-12), generated from the zod schema above. */
export function exportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(exportDocumentSchema, { target: "draft-2020-12" });
}
