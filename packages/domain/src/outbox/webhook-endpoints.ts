import { z } from "zod";
import { tokenIdSchema } from "../common/ids.ts";
import { noticePartySchema, systemNameSchema } from "../ingest/connected-systems.ts";
import { type DataCategoryId, dataCategoryIds } from "../register/ids.ts";
import { eventCategories, type WebhookEventType, webhookEventTypeIds } from "./events.ts";

/*
 * Issue 13 — a connected system's webhook endpoint, registered by an admin. The form can also register a new
 * system by name (the same fields as the systems page), so one step connects a newsletter tool.
 */

/** http(s) only, no credentials in the URL (the secret signs instead) and no fragment. */
const url = z
  .string("webhook_url_invalid")
  .trim()
  .max(2000, "webhook_url_invalid")
  .pipe(z.url({ protocol: /^https?$/, error: "webhook_url_invalid" }))
  .refine((v) => !/^[a-z]+:\/\/[^/]*@/i.test(v) && !v.includes("#"), "webhook_url_invalid");

const endpointFields = {
  url,
  eventTypes: z
    .array(z.enum(webhookEventTypeIds))
    .min(1, "webhook_events_required")
    .max(webhookEventTypeIds.length)
    .transform((v) => [...new Set(v)]),
  categories: z
    .array(z.enum(dataCategoryIds))
    .max(dataCategoryIds.length)
    .transform((v) => [...new Set(v)]),
  description: z.string().trim().max(200).optional(),
};

/**
 * The subscribed events an endpoint could never get with these categories (it may receive an event only when it may
 * receive all of its categories, see `endpointMayReceive`). A form with any of these is refused rather than saved
 * as a subscription that silently never delivers.
 */
export function eventsNotCovered(
  eventTypes: readonly WebhookEventType[],
  categories: readonly DataCategoryId[],
): WebhookEventType[] {
  return eventTypes.filter((type) => !eventCategories(type).every((c) => categories.includes(c)));
}

const covered = (v: { eventTypes?: WebhookEventType[] | undefined; categories?: DataCategoryId[] | undefined }) =>
  v.eventTypes === undefined || v.categories === undefined || eventsNotCovered(v.eventTypes, v.categories).length === 0;
const coveredIssue = { message: "webhook_categories_missing", path: ["categories"] };

export const createWebhookEndpointSchema = z
  .object({
    /** An existing connected system, or a new one registered in the same step. */
    system: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("existing"), systemId: tokenIdSchema }),
      z.object({ kind: z.literal("new"), name: systemNameSchema, party: noticePartySchema }),
    ]),
    ...endpointFields,
  })
  .refine(covered, coveredIssue);
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointSchema>;

/** Any of the fields; events and categories are checked together by the service when only one of them changes. */
export const updateWebhookEndpointSchema = z
  .object({
    url: endpointFields.url.optional(),
    eventTypes: endpointFields.eventTypes.optional(),
    categories: endpointFields.categories.optional(),
    description: endpointFields.description,
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "required")
  .refine(covered, coveredIssue);
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointSchema>;

export const webhookEndpointIdParamSchema = z.object({ id: tokenIdSchema });
