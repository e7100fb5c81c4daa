import { z } from "zod";
import { tokenIdSchema } from "../common/ids.ts";
import type { Localized } from "../i18n/localized.ts";
import { sourceIds } from "../register/ids.ts";
import { type IntegrationScope, integrationScopes } from "./inbound.ts";

/*
 * The admin's inputs for connected systems and their API clients (issue 12). A system belongs to one source or
 * recipient of the privacy notice; a client carries the scopes it may use on the integration API.
 */

/** A system's name is shown to customers beside the data it gave: plain text of a sensible length. */
export const systemNameSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(100, "too_long")
  // Control and format characters (bidi overrides, zero-width) would show as nothing (or worse) on the customer's page and in the audit trail.
  .refine((s) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(s), "invalid_input");

/** The notice's party a system belongs to: a source id or a recipient id of the register description. */
export const noticePartySchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("source"), id: z.enum(sourceIds, "notice_party_invalid") }),
    z.object({
      kind: z.literal("recipient"),
      id: z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, "notice_party_invalid"),
    }),
  ],
  "notice_party_invalid",
);
export type NoticePartyInput = z.infer<typeof noticePartySchema>;

export const registerSystemInputSchema = z.object({ name: systemNameSchema, party: noticePartySchema });
export type RegisterSystemInput = z.infer<typeof registerSystemInputSchema>;

/** Rename a system or re-point it to another party of the notice; at least one of the two. */
export const updateSystemInputSchema = z
  .object({ name: systemNameSchema.optional(), party: noticePartySchema.optional() })
  .refine((v) => v.name !== undefined || v.party !== undefined, "required");
export type UpdateSystemInput = z.infer<typeof updateSystemInputSchema>;

export const systemIdParamSchema = z.object({ id: tokenIdSchema });
export const systemClientParamSchema = z.object({ id: tokenIdSchema, clientId: tokenIdSchema });

/** The most calls a minute an admin may grant one client; the documented default is `API_REQUESTS_PER_MINUTE`. */
export const MAX_CLIENT_REQUESTS_PER_MINUTE = 6_000;

export const createApiClientInputSchema = z.object({
  name: systemNameSchema,
  scopes: z
    .array(z.enum(integrationScopes, "scope_invalid"))
    .min(1, "scopes_required")
    .max(integrationScopes.length, "scope_invalid")
    // A scope given twice is one scope: stored once, in the order of `integrationScopes`.
    .transform((scopes) => integrationScopes.filter((s) => scopes.includes(s))),
  requestsPerMinute: z
    .number("invalid_input")
    .int("invalid_input")
    .min(1, "rate_invalid")
    .max(MAX_CLIENT_REQUESTS_PER_MINUTE, "rate_invalid")
    .nullable()
    .optional(),
});
export type CreateApiClientInput = z.infer<typeof createApiClientInputSchema>;

/** What each scope lets a client do, for the admin choosing them. */
export const integrationScopeTexts: Record<IntegrationScope, Localized> = {
  "customers:write": {
    fi: "Asiakkaiden lisääminen ja päivittäminen (myös organisaatioroolit ja asiakassuhteen päättyminen).",
    en: "Add and update customers (organisation roles and the end of the customer relationship included).",
  },
  "orders:write": { fi: "Tilausten ja tilausrivien kirjaaminen.", en: "Record orders and their lines." },
  "invoices:write": {
    fi: "Laskujen ja niiden tilan (maksettu, perinnässä, luottotappio) kirjaaminen.",
    en: "Record invoices and their status (paid, in collection, written off).",
  },
  "objections:write": {
    fi: "Markkinointikieltojen lisääminen (kieltoa ei voi perua rajapinnan kautta).",
    en: "Add marketing objections (an objection cannot be withdrawn through the API).",
  },
  "holds:write": {
    fi: "Oikeudellisten säilytysvelvoitteiden asettaminen ja poistaminen.",
    en: "Set and clear legal holds.",
  },
  "register:read": {
    fi: "Rekisterin tietojen lukeminen järjestelmän omilla tunnisteilla.",
    en: "Read the register's data by the system's own identifiers.",
  },
};
