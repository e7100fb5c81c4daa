import { z } from "zod";
import type { Localized } from "../i18n/localized.ts";
import { type DataCategoryId, dataCategoryIds, type SourceId } from "../register/ids.ts";

/*
 * Issue 13 — the events tietoni sends to connected systems' webhook endpoints (Standard Webhooks). Each type
 * declares the data categories its payload carries: an endpoint gets an event only if it may receive all of them.
 * Payloads carry state, not deltas ("the objections now are …"), so a redelivery or a replay is harmless.
 */

const contactCategories = ["name", "organisation", "email", "phone", "postalAddress", "www"] as const;

export const webhookEventTypes = {
  "customer.marketing_objections_changed": {
    categories: ["email"],
    label: { fi: "Markkinointikiellot muuttuivat", en: "Marketing objections changed" },
  },
  "customer.contact_changed": {
    categories: [...contactCategories],
    label: { fi: "Yhteystiedot muuttuivat", en: "Contact data changed" },
  },
  "customer.correction_applied": {
    categories: ["name", "organisation", "billing", "phone", "postalAddress", "www"],
    label: { fi: "Oikaisu tehtiin", en: "Correction applied" },
  },
  "customer.restriction_applied": {
    categories: [],
    label: { fi: "Käsittelyä rajoitettiin", en: "Processing restricted" },
  },
  "customer.restriction_lifted": {
    categories: [],
    label: { fi: "Käsittelyn rajoitus poistettiin", en: "Restriction lifted" },
  },
  "customer.erased": { categories: [], label: { fi: "Tiedot poistettiin", en: "Erasure carried out" } },
  "customer.upserted": {
    categories: [...contactCategories],
    label: {
      fi: "Asiakas luotiin tai päivitettiin (tuonti tai rajapinta)",
      en: "Customer created or updated (import or API)",
    },
  },
} as const satisfies Record<string, { categories: readonly DataCategoryId[]; label: Localized }>;

export type WebhookEventType = keyof typeof webhookEventTypes;
export const webhookEventTypeIds = Object.keys(webhookEventTypes) as [WebhookEventType, ...WebhookEventType[]];
export const webhookEventTypeSchema = z.enum(webhookEventTypeIds);

/** The categories an event of `type` carries. */
export function eventCategories(type: WebhookEventType): readonly DataCategoryId[] {
  return webhookEventTypes[type].categories;
}

/** An endpoint subscribed to `type` gets it only when it may receive every category the payload carries. */
export function endpointMayReceive(
  endpoint: { eventTypes: readonly string[]; categories: readonly string[] },
  type: WebhookEventType,
): boolean {
  if (!endpoint.eventTypes.includes(type)) return false;
  return eventCategories(type).every((c) => endpoint.categories.includes(c));
}

/** The customer as a payload names them: tietoni's id, and the receiving system's own id where it has one. */
export const eventCustomerRefSchema = z.object({ id: z.string(), externalId: z.string().nullable() });

/**
 * The envelope of every payload, as the Standard Webhooks specification suggests: `type`, `timestamp` (ISO 8601) and
 * `data`. `data.customer` always; the rest depends on the type (documented in docs/webhooks.md).
 */
export const webhookPayloadSchema = z.object({
  type: webhookEventTypeSchema,
  timestamp: z.string(),
  data: z.object({ customer: eventCustomerRefSchema }).catchall(z.unknown()),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

/** What a service says happened to a customer; the fan-out makes one outbox row per endpoint that may receive it. */
export type CustomerEvent = {
  type: WebhookEventType;
  customerId: string;
  /** The connected system whose change caused it: it never gets the event back (no sync loops). */
  sourceSystemId?: string | null;
  /** The request that decided it (a correction, a restriction, an erasure), so Art. 19 tasks attach to it. */
  requestId?: string | null;
  /** The categories that changed (a phone correction: `["phone"]`); default: all the type carries. */
  categories?: readonly DataCategoryId[];
  /** A correction: the fields it changed (`["phone"]`), whose current values the payload carries. */
  fields?: readonly string[];
  /** A restriction applied or lifted: which one (the payload names it, its ground and its time). */
  restrictionId?: string | null;
  /**
   * An erasure: each system's own id of the customer (system id → external id), read before the anonymisation
   * removed them, so each receiver can find the person it must erase. Kept only in the undelivered body.
   */
  externalIds?: Readonly<Record<string, string>>;
  /**
   * The customer's recorded sources as they were before the change, for Art. 19 ("and its source"): an erasure
   * deletes them with the rest, so it reads them first. Absent: read from the register.
   */
  sources?: readonly { category: DataCategoryId; source: SourceId; systemId: string | null }[];
};

export const webhookCategorySchema = z.enum(dataCategoryIds);
