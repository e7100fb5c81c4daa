import { z } from "zod";
import type { Localized } from "../i18n/localized.ts";
import { type DataCategoryId, dataCategoryIds, type RecipientId } from "../register/ids.ts";
import type { RegisterDescription } from "../register/register-description.ts";

/*
 * Issue 13 — the disclosure log: every time a customer's data left the register for a recipient. The customer sees
 * it ("who received my data"), in the portal and in every download; staff see it on the record. A row names no
 * person but by the customer's id, so it is kept after an erasure (customer id, recipient, categories, time).
 */

/** How the data left: a delivered webhook, a mailing-list export (one row per customer on it), or recorded by staff. */
export const disclosureChannels = ["webhook", "mailing_list", "manual"] as const;
export type DisclosureChannel = (typeof disclosureChannels)[number];

export const disclosureChannelLabels: Record<DisclosureChannel, Localized> = {
  webhook: { fi: "Automaattinen tiedonsiirto", en: "Automatic transfer" },
  mailing_list: { fi: "Postituslista", en: "Mailing list" },
  manual: { fi: "Henkilökunnan luovuttama", en: "Disclosed by staff" },
};

/** The legal basis of a disclosure staff record by hand (GDPR Art. 6(1)). */
export const disclosureLegalBases = [
  "contract",
  "legal_obligation",
  "legitimate_interest",
  "consent",
  "vital_interest",
  "public_task",
] as const;
export type DisclosureLegalBasis = (typeof disclosureLegalBases)[number];

export const disclosureLegalBasisLabels: Record<DisclosureLegalBasis, Localized> = {
  contract: { fi: "Sopimus (6.1 b)", en: "Contract (6(1)(b))" },
  legal_obligation: { fi: "Lakisääteinen velvoite (6.1 c)", en: "Legal obligation (6(1)(c))" },
  legitimate_interest: { fi: "Oikeutettu etu (6.1 f)", en: "Legitimate interest (6(1)(f))" },
  consent: { fi: "Suostumus (6.1 a)", en: "Consent (6(1)(a))" },
  vital_interest: { fi: "Elintärkeä etu (6.1 d)", en: "Vital interest (6(1)(d))" },
  public_task: { fi: "Yleinen etu tai julkinen valta (6.1 e)", en: "Public task (6(1)(e))" },
};

/** Why, as a code the customer reads in their own language (no free text: it would be kept after an erasure). */
export const disclosureReasons = [
  "debt_collection",
  "bookkeeping",
  "authority_request",
  "mailing",
  "system_sync",
  "other_contract",
] as const;
export type DisclosureReason = (typeof disclosureReasons)[number];

export const disclosureReasonLabels: Record<DisclosureReason, Localized> = {
  debt_collection: { fi: "Saatavien perintä", en: "Debt collection" },
  bookkeeping: { fi: "Kirjanpito ja tilintarkastus", en: "Bookkeeping and audit" },
  authority_request: { fi: "Viranomaisen pyyntö", en: "A request from an authority" },
  mailing: { fi: "Postitus", en: "Mailing" },
  system_sync: { fi: "Yrityksen järjestelmien ajantasaisuus", en: "Keeping the company's systems up to date" },
  other_contract: { fi: "Asiakassuhteen hoitaminen", en: "Managing the customer relationship" },
};

/**
 * Who received it: a connected system (shown by its registered name, with the notice recipient it belongs to), or
 * one of the notice's recipients directly (an authority or a partner that is not a connected system).
 */
export const disclosureRecipientSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("system"), systemId: z.string().min(1).max(100) }),
  z.object({ kind: z.literal("notice_recipient"), recipientId: z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/) }),
]);

/** A disclosure staff record by hand: the recipient, the categories, the legal basis, why, and when (a day). */
export const recordDisclosureSchema = z.object({
  recipient: disclosureRecipientSchema,
  categories: z.array(z.enum(dataCategoryIds)).min(1).max(dataCategoryIds.length),
  legalBasis: z.enum(disclosureLegalBases),
  reason: z.enum(disclosureReasons),
  /** The day it happened (YYYY-MM-DD, Helsinki), not in the future. */
  disclosedOn: z.iso.date(),
});
export type RecordDisclosureInput = z.infer<typeof recordDisclosureSchema>;

/** One disclosure as the customer and staff see it. */
export type DisclosureView = {
  id: string;
  /** When (ISO 8601, UTC); a disclosure staff recorded for a past day: noon UTC of that day. */
  at: string;
  channel: DisclosureChannel;
  /** The connected system's registered name, or null for a notice recipient recorded directly. */
  systemName: string | null;
  /** The notice recipient it belongs to (its name in both languages), or null for a system that is a source only. */
  noticeRecipient: { id: string; name: Localized } | null;
  categories: DataCategoryId[];
  legalBasis: DisclosureLegalBasis;
  reason: DisclosureReason;
  /** The event a webhook carried, if it was one. */
  eventType: string | null;
};

/** GDPR Art. 6(1) points, as the register description writes them, to the log's legal bases. */
const basisOfArticle: Record<string, DisclosureLegalBasis> = {
  "6(1)(a)": "consent",
  "6(1)(b)": "contract",
  "6(1)(c)": "legal_obligation",
  "6(1)(d)": "vital_interest",
  "6(1)(e)": "public_task",
  "6(1)(f)": "legitimate_interest",
};

/**
 * The legal basis of a disclosure the register makes by itself, taken from the register description's purpose it
 * serves (another controller's notice changes it there, not here); the notice's own basis if the purpose is missing.
 */
export function purposeLegalBasis(notice: RegisterDescription, purposeId: string): DisclosureLegalBasis {
  const purpose = notice.purposes.find((p) => p.id === purposeId);
  return basisOfArticle[purpose?.legalBasis.article ?? notice.legalBasis.article] ?? "contract";
}

/**
 * What the register discloses by itself, and why. A webhook keeps the company's systems up to date with the
 * register (purpose "keepRegister"). A mailing-list export is the notice's "publishing … as a list, for example mailing
 * labels" (purpose "publishLists"); the file leaves with the controller's own staff, who export it — the notice names
 * no mailing house — so the recipient on record is the controller's staff, and the member of staff who exported it.
 */
export const automaticDisclosures = {
  webhook: { purposeId: "keepRegister", reason: "system_sync" },
  mailing_list: { purposeId: "publishLists", reason: "mailing", noticeRecipient: "controllerStaff" },
} as const satisfies Record<
  Exclude<DisclosureChannel, "manual">,
  { purposeId: string; reason: DisclosureReason; noticeRecipient?: RecipientId }
>;

/** The categories in the register's canonical order, each once. */
export function canonicalCategories(categories: Iterable<string>): DataCategoryId[] {
  const given = new Set(categories);
  return dataCategoryIds.filter((c) => given.has(c));
}

/** What a mailing-list line carries of a customer: the name always, the address and e-mail when they are there. */
export function mailingListCategories(row: {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  email: string | null;
}): DataCategoryId[] {
  const hasAddress = [row.street, row.postalCode, row.city, row.country].some((v) => v !== null && v !== "");
  return canonicalCategories([
    "name",
    ...(hasAddress ? ["postalAddress"] : []),
    ...(row.email !== null && row.email !== "" ? ["email"] : []),
  ]);
}

export type DisclosureDayProblem = "disclosure_day_in_future" | "disclosure_day_before_customer";

/**
 * A day staff record a disclosure for: not after today (Helsinki), and not before the customer existed — the earlier
 * of the relationship's start and the day the register got them (an import brings customers with older starts).
 */
export function disclosureDayProblem(
  disclosedOn: string,
  today: string,
  customer: { relationshipStart: string; createdOn: string },
): DisclosureDayProblem | null {
  if (disclosedOn > today) return "disclosure_day_in_future";
  // ISO days compare as text; the earlier of the two.
  const [since] = [customer.relationshipStart, customer.createdOn].sort();
  if (since !== undefined && disclosedOn < since) return "disclosure_day_before_customer";
  return null;
}

/**
 * The moment a disclosure recorded for `disclosedOn` is logged at: now, when it is today; otherwise noon UTC of
 * that day, which is the same calendar day in Finland (14:00 or 15:00) and orders it within its day.
 */
export function disclosureMoment(disclosedOn: string, today: string, now: number): number {
  if (disclosedOn === today) return now;
  return Date.parse(`${disclosedOn}T12:00:00Z`);
}
