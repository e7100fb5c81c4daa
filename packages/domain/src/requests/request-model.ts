import { z } from "zod";
import { phoneSchema, wwwSchema } from "../customer/contact-fields.ts";
import type { Localized } from "../i18n/localized.ts";
import { extendedDueDate, MAX_EXTENSION_MONTHS } from "./deadlines.ts";

export const requestTypes = ["access", "rectification", "restriction", "erasure", "objection", "other"] as const;
export type RequestType = (typeof requestTypes)[number];

/** received → inProgress → completed | refused | cancelled; "extended" is a pending state with a later deadline. */
/**
 * Where each type of request is decided: the desk completes access, objection and "other" requests with a written
 * answer; a rectification is approved on the desk as a field change; erasure and restriction are carried out on
 * the data-operations pages, where what blocks them is shown.
 */
export const requestDecidedOn = {
  access: "desk",
  objection: "desk",
  other: "desk",
  rectification: "correction",
  erasure: "operations",
  restriction: "operations",
} as const satisfies Record<RequestType, "desk" | "correction" | "operations">;

/** Whether the desk completes a request of this type with a written answer. */
export function decidedOnDesk(type: RequestType): boolean {
  return requestDecidedOn[type] === "desk";
}

/**
 * One pending erasure and one pending restriction at a time per customer: a second would ask for what is
 * already being done, and their outcomes could contradict each other. Other types may be pending side by side.
 */
export const onePendingAtATime = ["erasure", "restriction"] as const satisfies readonly RequestType[];

export function allowsOnlyOnePending(type: RequestType): boolean {
  return (onePendingAtATime as readonly RequestType[]).includes(type);
}

export const requestStates = ["received", "inProgress", "extended", "completed", "refused", "cancelled"] as const;
export type RequestState = (typeof requestStates)[number];

/** What the desk decided on a request it completed or refused. */
export const decisionOutcomes = ["completed", "refused"] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

export const requestChannels = ["portal", "paper", "email"] as const;
export type RequestChannel = (typeof requestChannels)[number];

export const restrictionGrounds = [
  "accuracyContested",
  "unlawfulProcessing",
  "legalClaim",
  "objectionPending",
] as const;
export type RestrictionGround = (typeof restrictionGrounds)[number];

/**
 * Fields a correction request (Art. 16) may name, decided by staff. The first six the customer cannot edit
 * directly. The contact fields they normally edit themselves, but not while their record is restricted (Art. 18,
 * checkDirectEdit): then a request is how they still ask for the disputed data to be corrected — and a letter
 * registered on paper may ask for them too.
 */
export const correctableByRequest = [
  "firstName",
  "lastName",
  "organisation",
  "billingName",
  "billingAddress",
  "eInvoiceAddress",
  "phone",
  "postalAddress",
  "www",
] as const;
export type CorrectableField = (typeof correctableByRequest)[number];

const PENDING: ReadonlySet<RequestState> = new Set(["received", "inProgress", "extended"]);

export function isPending(state: RequestState): boolean {
  return PENDING.has(state);
}

/** A customer may withdraw a request while nobody has decided it. */
export function canCancel(state: RequestState): boolean {
  return isPending(state);
}

export type ExtensionCheck =
  | { allowed: true; newDueOn: string }
  | { allowed: false; reason: "not_pending" | "already_extended" | "first_month_over" | "too_many_months" };

/**
 * Art. 12(3): one extension, by at most two months, decided and told to the customer within the first month.
 */
export function checkExtension(
  request: { state: RequestState; receivedOn: string; dueOn: string; extendedAt: string | null },
  months: number,
  today: string,
): ExtensionCheck {
  if (!isPending(request.state)) return { allowed: false, reason: "not_pending" };
  if (request.extendedAt !== null) return { allowed: false, reason: "already_extended" };
  if (!Number.isInteger(months) || months < 1 || months > MAX_EXTENSION_MONTHS)
    return { allowed: false, reason: "too_many_months" };
  if (today > request.dueOn) return { allowed: false, reason: "first_month_over" };
  return { allowed: true, newDueOn: extendedDueDate(request.receivedOn, months) };
}

const text = (max: number) => z.string().trim().min(1, "required").max(max, "too_long");

/** What the customer sends to open each kind of request from the portal. */
export const createRequestInputSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("rectification"),
      field: z.enum(correctableByRequest),
      newValue: text(300),
      reason: text(2000),
    })
    // A phone number or web address asked for is checked as the contact page checks it; a postal address is
    // read when staff approve it (as a billing address is), and an unreadable one is asked again.
    .superRefine((v, ctx) => {
      const check = v.field === "phone" ? phoneSchema : v.field === "www" ? wwwSchema : null;
      const issue = check?.safeParse(v.newValue).error?.issues[0];
      if (issue) ctx.addIssue({ code: "custom", path: ["newValue"], message: issue.message });
    }),
  z.object({
    type: z.literal("restriction"),
    ground: z.enum(restrictionGrounds),
    text: z.string().trim().max(2000, "too_long").default(""),
  }),
  z.object({ type: z.literal("erasure"), text: z.string().trim().max(2000, "too_long").default("") }),
  z.object({ type: z.enum(["objection", "other", "access"]), text: text(4000) }),
]);
export type CreateRequestInput = z.infer<typeof createRequestInputSchema>;

/** The parts of a request a customer and staff see (internal notes are not here). */
export const requestViewSchema = z.object({
  id: z.string(),
  type: z.enum(requestTypes),
  state: z.enum(requestStates),
  channel: z.enum(requestChannels),
  receivedOn: z.iso.date(),
  dueOn: z.iso.date(),
  extension: z.object({ months: z.number().int(), reasons: z.string(), at: z.iso.datetime() }).nullable(),
  text: z.string(),
  correction: z
    .object({
      field: z.enum(correctableByRequest),
      currentValue: z.string().nullable(),
      newValue: z.string(),
      reason: z.string(),
    })
    .nullable(),
  restrictionGround: z.enum(restrictionGrounds).nullable(),
  decision: z
    .object({ outcome: z.enum(["completed", "refused"]), reasons: z.string(), decidedAt: z.iso.datetime() })
    .nullable(),
  history: z.array(z.object({ at: z.iso.datetime(), event: z.string(), note: z.string().nullable() })),
  createdAt: z.iso.datetime(),
});
export type RequestView = z.infer<typeof requestViewSchema>;

export const requestTypeNames: Record<RequestType, Localized> = {
  access: { fi: "Tarkastuspyyntö", en: "Access request" },
  rectification: { fi: "Korjauspyyntö", en: "Rectification request" },
  restriction: { fi: "Käsittelyn rajoittaminen", en: "Restriction of processing" },
  erasure: { fi: "Tietojen poistaminen", en: "Erasure" },
  objection: { fi: "Vastustaminen", en: "Objection" },
  other: { fi: "Muu pyyntö", en: "Other request" },
};

export const requestStateNames: Record<RequestState, Localized> = {
  received: { fi: "Vastaanotettu", en: "Received" },
  inProgress: { fi: "Käsittelyssä", en: "In progress" },
  extended: { fi: "Käsittelyaikaa jatkettu", en: "Extended" },
  completed: { fi: "Valmis", en: "Completed" },
  refused: { fi: "Evätty", en: "Refused" },
  cancelled: { fi: "Peruttu", en: "Cancelled" },
};

export const restrictionGroundNames: Record<RestrictionGround, Localized> = {
  accuracyContested: {
    fi: "Kiistän tietojeni paikkansapitävyyden",
    en: "I contest the accuracy of my data",
  },
  unlawfulProcessing: {
    fi: "Käsittely on lainvastaista, mutta en halua tietoja poistettavan",
    en: "The processing is unlawful but I do not want the data erased",
  },
  legalClaim: {
    fi: "Tarvitsen tietoja oikeusvaatimuksen laatimiseen tai puolustamiseen",
    en: "I need the data to establish or defend a legal claim",
  },
  objectionPending: {
    fi: "Olen vastustanut käsittelyä, ja vastustus on käsiteltävänä",
    en: "I have objected to processing and the objection is being considered",
  },
};

export const correctableFieldNames: Record<CorrectableField, Localized> = {
  firstName: { fi: "Etunimi", en: "First name" },
  lastName: { fi: "Sukunimi", en: "Last name" },
  organisation: { fi: "Edustettu organisaatio", en: "Organisation represented" },
  billingName: { fi: "Laskutusnimi", en: "Billing name" },
  billingAddress: { fi: "Laskutusosoite", en: "Billing address" },
  eInvoiceAddress: { fi: "Verkkolaskuosoite", en: "E-invoice address" },
  phone: { fi: "Puhelinnumero", en: "Phone number" },
  postalAddress: { fi: "Postiosoite", en: "Postal address" },
  www: { fi: "WWW-osoite", en: "Web address" },
};
