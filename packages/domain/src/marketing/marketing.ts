import { z } from "zod";
import type { Localized } from "../i18n/localized.ts";

/**
 * What a customer can object to (Art. 21 and the notice's "Muut oikeudet"): each use of their data for
 * marketing, and the publication of their data in lists such as mailing labels.
 */
export const marketingPurposes = [
  "directAdvertising",
  "distanceSelling",
  "directMarketing",
  "marketResearch",
  "opinionPolls",
  "listPublication",
  "personalisedContent",
] as const;
export type MarketingPurpose = (typeof marketingPurposes)[number];

/** Where an objection change came from: the portal, staff (phone, letter, e-mail), the browser's GPC signal, or a
 * connected system's import file or integration API call (issue 12; these only ever add an objection). */
export const marketingChannels = ["portal", "staff", "gpc", "import", "api"] as const;
export type MarketingChannel = (typeof marketingChannels)[number];

/** One objection on or off; `objected: true` means "do not use my data for this". */
export const setObjectionsInputSchema = z.object({
  changes: z
    .array(z.object({ purpose: z.enum(marketingPurposes), objected: z.boolean() }))
    .min(1, "required")
    .max(marketingPurposes.length, "too_long"),
});
export type SetObjectionsInput = z.infer<typeof setObjectionsInputSchema>;

export type Objections = Record<MarketingPurpose, boolean>;

/** Every purpose set to the same answer. */
export function allObjections(objected: boolean): Objections {
  return {
    directAdvertising: objected,
    distanceSelling: objected,
    directMarketing: objected,
    marketResearch: objected,
    opinionPolls: objected,
    listPublication: objected,
    personalisedContent: objected,
  };
}

export function noObjections(): Objections {
  return allObjections(false);
}

/** The changes that make `current` object to everything; an empty list when it already does. */
export function objectToAll(current: Objections): { purpose: MarketingPurpose; objected: true }[] {
  return marketingPurposes.filter((p) => !current[p]).map((purpose) => ({ purpose, objected: true as const }));
}

/** Only real changes are recorded as events: setting a switch to what it already is leaves no trace. */
export function diffObjections(
  current: Objections,
  changes: readonly { purpose: MarketingPurpose; objected: boolean }[],
): { purpose: MarketingPurpose; from: boolean; to: boolean }[] {
  const seen = new Map<MarketingPurpose, boolean>();
  for (const c of changes) seen.set(c.purpose, c.objected);
  return [...seen]
    .filter(([p, to]) => current[p] !== to)
    .map(([purpose, to]) => ({ purpose, from: current[purpose], to }));
}

/**
 * Whether a GPC signal should be applied now. An explicit withdrawal in the portal made after the
 * latest GPC-recorded change is the customer's own later choice and wins until they sign in again;
 * otherwise the signal applies (it adds no events when everything is already objected).
 */
export function gpcSignalApplies(history: readonly { channel: MarketingChannel; to: boolean; at: string }[]): boolean {
  const lastGpc = history
    .filter((e) => e.channel === "gpc")
    .map((e) => e.at)
    .sort()
    .at(-1);
  if (lastGpc === undefined) return true;
  return !history.some((e) => e.channel === "portal" && !e.to && e.at > lastGpc);
}

export type PurposeSubject = {
  objections: Objections;
  restricted: boolean;
  anonymised: boolean;
  /** The e-mail's keyed hash is on the suppression list (an erased customer's lasting objection). */
  suppressed: boolean;
};

export type PurposeVerdict =
  | { allowed: true }
  | { allowed: false; reasons: ("objected" | "restricted" | "erased" | "suppressed")[] };

/**
 * Which of the customer's objections bar each purpose: the one table every check of a purpose reads (the staff's
 * mailing lists, the portal's and any other display of whether a customer may be contacted).
 * - A purpose's own objection bars it.
 * - "Direct marketing" is the umbrella: the notice lets the customer forbid "suoramainontaa, etämyyntiä ja muuta
 *   suoramarkkinointia", so direct advertising and distance selling are kinds of it, and Art. 21(2) makes an
 *   objection to direct marketing cover the profiling related to it (the targeting in "personalised content").
 * - Market and opinion research are not direct marketing: only their own objections bar them.
 * - "Publication in lists" bars every list (see `mayUseFor`'s `asList`), not the uses that publish nothing.
 */
export const objectionsBarringPurpose: Readonly<Record<MarketingPurpose, readonly MarketingPurpose[]>> = {
  directAdvertising: ["directAdvertising", "directMarketing"],
  distanceSelling: ["distanceSelling", "directMarketing"],
  directMarketing: ["directMarketing"],
  marketResearch: ["marketResearch"],
  opinionPolls: ["opinionPolls"],
  listPublication: ["listPublication"],
  personalisedContent: ["personalisedContent", "directMarketing"],
};

/** How the data is used: `asList` when it goes out as a list of customers (mailing labels, a mailing-list file). */
export type PurposeUse = { asList?: boolean };

/**
 * Every objection that bars the use, in the order of `marketingPurposes`. A list made for a purpose is a
 * "publication of data in a list, e.g. mailing labels for direct advertising" (the notice), so the customer's ban on
 * list publication bars it whatever the purpose.
 */
export function objectionsBarring(purpose: MarketingPurpose, use: PurposeUse = {}): MarketingPurpose[] {
  const barring = new Set<MarketingPurpose>(objectionsBarringPurpose[purpose]);
  if (use.asList) barring.add("listPublication");
  return marketingPurposes.filter((p) => barring.has(p));
}

/** The customer's objections that bar the use (empty: none of theirs does). */
export function heldObjectionsBarring(
  purpose: MarketingPurpose,
  objections: Objections,
  use: PurposeUse = {},
): MarketingPurpose[] {
  return objectionsBarring(purpose, use).filter((p) => objections[p]);
}

/**
 * "May this customer be used for purpose P now?" The one check every marketing use goes through:
 * the staff's mailing-list export (`asList`) and anything else that targets customers.
 */
export function mayUseFor(purpose: MarketingPurpose, subject: PurposeSubject, use: PurposeUse = {}): PurposeVerdict {
  const reasons: ("objected" | "restricted" | "erased" | "suppressed")[] = [];
  if (subject.anonymised) reasons.push("erased");
  if (subject.suppressed) reasons.push("suppressed");
  if (subject.restricted) reasons.push("restricted");
  if (heldObjectionsBarring(purpose, subject.objections, use).length > 0) reasons.push("objected");
  return reasons.length === 0 ? { allowed: true } : { allowed: false, reasons };
}

export const marketingPurposeNames: Record<MarketingPurpose, { name: Localized; description: Localized }> = {
  directAdvertising: {
    name: { fi: "Suoramainonta", en: "Direct advertising" },
    description: { fi: "Mainokset postitse tai sähköpostitse.", en: "Advertisements by post or e-mail." },
  },
  distanceSelling: {
    name: { fi: "Etämyynti", en: "Distance selling" },
    description: { fi: "Myynti puhelimitse tai verkossa.", en: "Sales by phone or online." },
  },
  directMarketing: {
    name: { fi: "Suoramarkkinointi", en: "Direct marketing" },
    description: {
      fi: "Muu sinuun suoraan kohdistuva markkinointi.",
      en: "Other marketing addressed to you directly.",
    },
  },
  marketResearch: {
    name: { fi: "Markkinatutkimukset", en: "Market research" },
    description: { fi: "Kyselyt tuotteista ja palveluista.", en: "Surveys about products and services." },
  },
  opinionPolls: {
    name: { fi: "Mielipidetutkimukset", en: "Opinion polls" },
    description: { fi: "Mielipidekyselyt.", en: "Opinion surveys." },
  },
  listPublication: {
    name: { fi: "Julkaisu luetteloissa", en: "Publication in lists" },
    description: {
      fi: "Tietojesi julkaiseminen luettelossa, esimerkiksi suoramainonnan postitustarroissa.",
      en: "Publishing your data in a list, for example mailing labels for direct advertising.",
    },
  },
  personalisedContent: {
    name: { fi: "Henkilökohtainen sisältö", en: "Personalised content" },
    description: {
      fi: "Kohdennettu sisältö verkkopalveluissamme ja mainonnan kohdistaminen.",
      en: "Targeted content in our web services and targeting of our advertising.",
    },
  },
};

export const marketingChannelNames: Record<MarketingChannel, Localized> = {
  portal: { fi: "Omat tiedot -palvelu", en: "Self-service portal" },
  staff: { fi: "Asiakaspalvelu", en: "Customer service" },
  gpc: { fi: "Selaimen GPC-signaali", en: "Browser's GPC signal" },
  import: { fi: "Tiedonsiirto yrityksen järjestelmästä", en: "Import from the company's system" },
  api: { fi: "Yrityksen järjestelmä (rajapinta)", en: "The company's system (interface)" },
};
