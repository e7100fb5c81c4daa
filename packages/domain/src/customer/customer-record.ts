import { z } from "zod";
import { dataCategoryIds, sourceIds } from "../register/ids.ts";

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime();

export const organisationRoleKinds = ["representative", "contactPerson"] as const;
export type OrganisationRoleKind = (typeof organisationRoleKinds)[number];

export const orderStatuses = ["received", "delivered", "cancelled"] as const;
/**
 * An invoice is open (possibly in debt collection: `inCollection`), paid, or written off (issue 12: the billing
 * system's or staff's record of a debt given up; it no longer blocks erasure).
 */
export const invoiceStatuses = ["open", "paid", "written_off"] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export const postalAddressViewSchema = z.object({
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
});

export const customerProfileSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  postalAddress: postalAddressViewSchema.nullable(),
  www: z.string().nullable(),
  relationshipStart: isoDate,
  relationshipEnd: isoDate.nullable(),
  createdAt: isoDateTime,
  /**
   * An update service's non-disclosure flag (issue 12). The customer sees their own address; staff get
   * `postalAddress: null` here and must give a reason to see it.
   */
  addressProtected: z.boolean(),
});
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

export const organisationRoleSchema = z.object({
  organisationName: z.string(),
  businessId: z.string().nullable(),
  role: z.enum(organisationRoleKinds),
  startDate: isoDate,
  endDate: isoDate.nullable(),
});
export type OrganisationRole = z.infer<typeof organisationRoleSchema>;

export const ipAddressSeenSchema = z.object({ ip: z.string(), seenAt: isoDateTime });

export const orderLineSchema = z.object({
  lineNo: z.number().int(),
  product: z.string(),
  quantity: z.number().int(),
  unitPriceCents: z.number().int(),
});

export const orderSchema = z.object({
  orderNumber: z.string(),
  orderedAt: isoDateTime,
  status: z.enum(orderStatuses),
  totalCents: z.number().int(),
  currency: z.string(),
  lines: z.array(orderLineSchema),
});
export type Order = z.infer<typeof orderSchema>;

export const invoiceSchema = z.object({
  invoiceNumber: z.string(),
  orderNumber: z.string().nullable(),
  issuedAt: isoDate,
  dueAt: isoDate,
  amountCents: z.number().int(),
  currency: z.string(),
  status: z.enum(invoiceStatuses),
  inCollection: z.boolean(),
  paidAt: isoDate.nullable(),
  /** The debt collection agency's name while in collection (issue 12). */
  collectionAgency: z.string().nullable(),
  /** The day the invoice was written off (status `written_off`). */
  writtenOffOn: isoDate.nullable(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const billingDetailsSchema = z.object({
  billingName: z.string(),
  address: postalAddressViewSchema,
  eInvoiceAddress: z.string().nullable(),
  paymentTermDays: z.number().int(),
});
export type BillingDetails = z.infer<typeof billingDetailsSchema>;

/** Where one category of this customer's data came from, and when. */
export const datumSourceSchema = z.object({
  category: z.enum(dataCategoryIds),
  source: z.enum(sourceIds),
  notedAt: isoDateTime,
  detail: z.string().nullable(),
  /** The connected system the datum came from (issue 12), by the name the customer knows it by. */
  systemName: z.string().nullable(),
});
export type DatumSource = z.infer<typeof datumSourceSchema>;

/**
 * When the customer relationship ends and when the data is due to be erased (retention/lifecycle.ts), as "My data"
 * and the download show it.
 */
export const erasureScheduleSchema = z.object({
  relationshipEnd: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("recorded"), endsOn: isoDate }),
    z.object({
      kind: z.literal("derived"),
      endsOn: isoDate,
      after: z.enum(["order", "payment", "roleEnd", "start"]),
      activityOn: isoDate,
    }),
    z.object({ kind: z.literal("continues"), because: z.enum(["openInvoice", "activeRole"]) }),
  ]),
  erasureDueOn: isoDate
    .nullable()
    .meta({ description: "The day the data is due to be erased; null while the relationship continues" }),
  relationshipEndsAfterMonths: z.number().int(),
});
export type ErasureScheduleView = z.infer<typeof erasureScheduleSchema>;

/** How many orders "my data" shows inline; the download carries all of them. */
export const ORDERS_SHOWN_INLINE = 50;

/**
 * Everything the register holds on one customer, as both apps show it.
 * The BFF builds it; the portal's "My data" and the staff's record page render it.
 */
export const customerRecordSchema = z.object({
  profile: customerProfileSchema,
  organisationRoles: z.array(organisationRoleSchema),
  ipAddresses: z.array(ipAddressSeenSchema),
  orders: z.array(orderSchema),
  ordersTotal: z.number().int(),
  invoices: z.array(invoiceSchema),
  billing: billingDetailsSchema.nullable(),
  sources: z.array(datumSourceSchema),
  erasureSchedule: erasureScheduleSchema,
});
export type CustomerRecord = z.infer<typeof customerRecordSchema>;
