import { z } from "zod";
import { dataCategoryIds } from "../register/ids.ts";
import { webhookEventTypeIds } from "./events.ts";

/*
 * Issue 13 — a connected system's webhook endpoint, registered by an admin. The form can also register a new
 * system by name (the same fields as the systems page), so one step connects a newsletter tool.
 */

/** http(s) only, no credentials in the URL (the secret signs instead) and no fragment. */
const url = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, error: "webhook_url_invalid" }))
  .refine((v) => !/^[a-z]+:\/\/[^/]*@/i.test(v) && !v.includes("#"), "webhook_url_invalid");

const endpointFields = {
  url,
  eventTypes: z.array(z.enum(webhookEventTypeIds)).min(1).max(webhookEventTypeIds.length),
  categories: z.array(z.enum(dataCategoryIds)).max(dataCategoryIds.length),
  description: z.string().trim().max(200).optional(),
};

export const createWebhookEndpointSchema = z.object({
  /** An existing connected system, or a new one registered in the same step. */
  system: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("existing"), systemId: z.string().min(1).max(100) }),
    z.object({
      kind: z.literal("new"),
      name: z.string().trim().min(1).max(100),
      noticePartyKind: z.enum(["source", "recipient"]),
      noticePartyId: z.string().min(1).max(100),
    }),
  ]),
  ...endpointFields,
});
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointSchema>;

export const updateWebhookEndpointSchema = z.object({
  url: endpointFields.url.optional(),
  eventTypes: endpointFields.eventTypes.optional(),
  categories: endpointFields.categories.optional(),
  description: endpointFields.description,
  enabled: z.boolean().optional(),
});
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointSchema>;
