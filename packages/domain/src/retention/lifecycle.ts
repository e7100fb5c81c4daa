import type { Localized } from "../i18n/localized.ts";
import { retentionEndsOn } from "./retention.ts";

/*
 * The customer relationship's lifecycle (issue 12): when it ends, and so when the customer's data is due to be
 * erased (retention, 10 years from that end). Pure; the BFF gathers the facts, in SQL for the retention run.
 */

/** The default of the register setting `retention.relationshipEndsAfterMonths`: 24 months without activity. */
export const DEFAULT_RELATIONSHIP_ENDS_AFTER_MONTHS = 24;

/** What the register knows that bears on when one customer's relationship ends. Dates are YYYY-MM-DD. */
export type LifecycleFacts = {
  relationshipStart: string;
  /** The recorded end (by staff, an import or a connected system): it wins over every derived one. */
  relationshipEnd: string | null;
  /** Open invoices, those in debt collection included (written-off and paid ones are not open). */
  openInvoices: number;
  /** Organisation roles (any kind) not ended on `today`: no end date, or an end date on or after today. */
  activeRoles: number;
  lastOrderOn: string | null;
  /** The newest `paid_at` among the customer's invoices. */
  lastPaymentOn: string | null;
  /** The newest end date among the customer's ended roles. */
  lastRoleEndOn: string | null;
};

export type RelationshipEnd =
  | { kind: "recorded"; endsOn: string }
  /**
   * No recorded end and nothing keeps the relationship going: it ends `months` after the latest activity.
   * `after` names which date that was; "start" when the customer never ordered, paid or ended a role (or all of
   * that happened before the recorded start, e.g. an import of older history): a relationship cannot end
   * before it began, and one that never had any activity still ends, N months after it began.
   */
  | { kind: "derived"; endsOn: string; after: "order" | "payment" | "roleEnd" | "start"; activityOn: string }
  /** An open invoice (or one in collection) or an active role keeps the relationship going: no end yet. */
  | { kind: "continues"; because: "openInvoice" | "activeRole" };

/** Whether an organisation role is still held on `today`: its end date is its last day. */
export function roleIsActive(role: { endDate: string | null }, today: string): boolean {
  return role.endDate === null || role.endDate >= today;
}

/** A calendar day moved by whole months; the 31st moves to the month's last day when the month is shorter. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** When the customer relationship ends: recorded, derived from the last activity, or not yet. */
export function relationshipEndOf(facts: LifecycleFacts, months: number): RelationshipEnd {
  if (facts.relationshipEnd !== null) return { kind: "recorded", endsOn: facts.relationshipEnd };
  if (facts.openInvoices > 0) return { kind: "continues", because: "openInvoice" };
  if (facts.activeRoles > 0) return { kind: "continues", because: "activeRole" };
  type Activity = { after: "order" | "payment" | "roleEnd" | "start"; on: string | null };
  const candidates: Activity[] = [
    { after: "order", on: facts.lastOrderOn },
    { after: "payment", on: facts.lastPaymentOn },
    { after: "roleEnd", on: facts.lastRoleEndOn },
  ];
  let latest: { after: Activity["after"]; on: string } = { after: "start", on: facts.relationshipStart };
  for (const c of candidates) if (c.on !== null && c.on > latest.on) latest = { after: c.after, on: c.on };
  return { kind: "derived", endsOn: addMonths(latest.on, months), after: latest.after, activityOn: latest.on };
}

/** What the customer is told: when the relationship ends (or that it continues) and when their data is erased. */
export type ErasureSchedule = {
  relationshipEnd: RelationshipEnd;
  /** The day retention runs out and the data is due to be erased; null while the relationship continues. */
  erasureDueOn: string | null;
};

export function erasureScheduleOf(facts: LifecycleFacts, months: number): ErasureSchedule {
  const relationshipEnd = relationshipEndOf(facts, months);
  return {
    relationshipEnd,
    erasureDueOn: relationshipEnd.kind === "continues" ? null : retentionEndsOn(relationshipEnd.endsOn),
  };
}

/** Whether retention has run out on `today` by the lifecycle rule (recorded or derived end). */
export function isRetentionDueBy(facts: LifecycleFacts, months: number, today: string): boolean {
  const { erasureDueOn } = erasureScheduleOf(facts, months);
  return erasureDueOn !== null && erasureDueOn <= today;
}

/**
 * The customer-facing explanation, with `{end}`, `{activity}` and `{months}` to fill in (dates formatted by the
 * app). Shown on "My data" and in the download beside the erasure date.
 */
export const erasureScheduleTexts = {
  recorded: {
    fi: "10 vuotta asiakkuuden päättymisestä ({end}).",
    en: "10 years after the customer relationship ended on {end}.",
  },
  derived: {
    fi: "10 vuotta asiakkuuden päättymisestä ({end}). Asiakkuus päättyy {months} kuukautta viimeisen tapahtuman ({activity}) jälkeen, ellei uutta tapahdu.",
    en: "10 years after the end of the customer relationship ({end}), which comes {months} months after the last activity ({activity}) unless there is new activity.",
  },
  continuesOpenInvoice: {
    fi: "Asiakkuus jatkuu, koska sinulla on avoimia laskuja. Poistopäivä lasketaan asiakkuuden päättymisestä.",
    en: "The customer relationship continues because you have open invoices. The erasure date counts from its end.",
  },
  continuesActiveRole: {
    fi: "Asiakkuus jatkuu, koska toimit organisaation edustajana tai yhteyshenkilönä. Poistopäivä lasketaan asiakkuuden päättymisestä.",
    en: "The customer relationship continues because you act for an organisation. The erasure date counts from its end.",
  },
} satisfies Record<string, Localized>;

export type ErasureScheduleTextKey = keyof typeof erasureScheduleTexts;

/** Which explanation fits the schedule. */
export function erasureScheduleTextKey(end: RelationshipEnd): ErasureScheduleTextKey {
  if (end.kind === "recorded") return "recorded";
  if (end.kind === "derived") return "derived";
  return end.because === "openInvoice" ? "continuesOpenInvoice" : "continuesActiveRole";
}
