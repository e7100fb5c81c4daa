import type { Localized } from "../i18n/localized.ts";
import {
  type DataCategoryId,
  dataCategoryIds,
  OWN_STAFF_RECIPIENT,
  type RecipientId,
  type SourceId,
} from "../register/ids.ts";
import type { RegisterDescription } from "../register/register-description.ts";
import type { OutboxStatus } from "./outbox.ts";
import type {
  NotificationMethod,
  NotificationPartyKind,
  NotificationStatus,
  NotificationTrigger,
} from "./recipient-notifications.ts";

/*
 * Issue 13 — Art. 19 from what actually happened: who must be told of a correction, an erasure or a restriction.
 * The recipients are those the disclosure log says received a concerned category, the sources are those the record
 * names for it; data disclosed before the log existed can only be traced to the notice's recipients.
 */

/**
 * The day the disclosure log started (00:00 in Helsinki, 2 December 2026). A customer created before it may have had
 * data disclosed that the log never saw: for them the notice's recipients of the concerned categories become tasks.
 */
export const DISCLOSURE_LOG_STARTED_AT = Date.UTC(2026, 11, 1, 22, 0, 0);

/** The customer themselves: a datum they gave needs no notice to them of its own correction. */
const customerOwnSources: ReadonlySet<SourceId> = new Set(["registration", "customerNotice"]);

/** The register's own staff are not "recipients" Art. 19 speaks of: they see the change in the register. */
const controllerRecipients: ReadonlySet<RecipientId> = new Set([OWN_STAFF_RECIPIENT]);

export type Art19Facts = {
  trigger: NotificationTrigger;
  /** The categories that changed (a correction); an erasure or a restriction concerns every category. */
  categories: readonly DataCategoryId[];
  /** The disclosure log's rows for the customer: a system, a notice recipient directly, or both. */
  disclosures: readonly { systemId: string | null; noticeRecipientId: string | null; categories: readonly string[] }[];
  /** The recorded sources of the customer's data (datum_sources). */
  sources: readonly { category: DataCategoryId; source: SourceId; systemId: string | null }[];
  /** The systems whose webhook endpoint gets this very event (the fan-out's deliveries), with the outbox row. */
  webhookDeliveries: readonly { systemId: string; outboxId: string }[];
  /** The system whose change caused the event (an update service's file): it already knows. */
  causedBySystemId: string | null;
  /** The customer existed before the disclosure log started. */
  preLog: boolean;
};

export type Art19Party = {
  kind: NotificationPartyKind;
  id: string;
  /** The concerned categories this party received or gave, in the register's order. */
  categories: DataCategoryId[];
  method: NotificationMethod;
  /** The webhook delivery that tells this party (method `webhook`). */
  outboxId: string | null;
};

/** The categories an erasure or a restriction concerns: all of them; a correction: the ones that changed. */
export function concernedCategories(
  trigger: NotificationTrigger,
  changed: readonly DataCategoryId[],
): DataCategoryId[] {
  if (trigger !== "correction") return [...dataCategoryIds];
  return dataCategoryIds.filter((c) => changed.includes(c));
}

/**
 * The parties to tell, each once: every connected system or notice recipient the log says received a concerned
 * category, every source of a concerned category other than the customer, and — for a customer from before the
 * log — every recipient the notice names for a concerned category. A system is told by webhook when it gets this
 * event now, otherwise it is a task; notice recipients and sources are always tasks.
 */
export function art19Parties(notice: RegisterDescription, facts: Art19Facts): Art19Party[] {
  const concerned = concernedCategories(facts.trigger, facts.categories);
  const parties = new Map<string, { kind: NotificationPartyKind; id: string; categories: Set<DataCategoryId> }>();
  const add = (kind: NotificationPartyKind, id: string, categories: readonly DataCategoryId[]) => {
    if (categories.length === 0) return;
    if (kind === "system" && id === facts.causedBySystemId) return;
    const key = `${kind}:${id}`;
    const party = parties.get(key) ?? { kind, id, categories: new Set<DataCategoryId>() };
    for (const c of categories) party.categories.add(c);
    parties.set(key, party);
  };

  for (const d of facts.disclosures) {
    const received = concerned.filter((c) => d.categories.includes(c));
    if (d.systemId !== null) add("system", d.systemId, received);
    else if (d.noticeRecipientId !== null && !controllerRecipients.has(d.noticeRecipientId as RecipientId)) {
      add("notice_recipient", d.noticeRecipientId, received);
    }
  }
  for (const s of facts.sources) {
    if (!concerned.includes(s.category) || customerOwnSources.has(s.source)) continue;
    if (s.systemId !== null) add("system", s.systemId, [s.category]);
    else add("notice_source", s.source, [s.category]);
  }
  if (facts.preLog) {
    for (const c of concerned) {
      for (const r of notice.dataCategories[c]?.recipients ?? []) {
        if (!controllerRecipients.has(r)) add("notice_recipient", r, [c]);
      }
    }
  }

  const webhookOf = new Map(facts.webhookDeliveries.map((d) => [d.systemId, d.outboxId]));
  return [...parties.values()].map((p) => {
    const outboxId = p.kind === "system" ? (webhookOf.get(p.id) ?? null) : null;
    return {
      kind: p.kind,
      id: p.id,
      categories: dataCategoryIds.filter((c) => p.categories.has(c)),
      method: outboxId === null ? "task" : "webhook",
      outboxId,
    };
  });
}

/** The name of a notice recipient or source as the notice gives it; a system is named by its registered name. */
export function noticePartyName(
  notice: RegisterDescription,
  kind: NotificationPartyKind,
  id: string,
): Localized | null {
  if (kind === "notice_recipient") {
    return (notice.recipients as Record<string, { name: Localized }>)[id]?.name ?? null;
  }
  if (kind === "notice_source") {
    return (notice.sources as Record<string, { name: Localized }>)[id]?.name ?? null;
  }
  return null;
}

/** One Art. 19 notification as staff see it. */
export type RecipientNotificationView = {
  id: string;
  customerId: string;
  requestId: string | null;
  trigger: NotificationTrigger;
  categories: DataCategoryId[];
  party: { kind: NotificationPartyKind; id: string; name: Localized };
  method: NotificationMethod;
  status: NotificationStatus;
  /** Where the webhook that tells this party stands (method `webhook`); null for a task. */
  delivery: OutboxStatus | null;
  /** Staff may confirm it: an open task, or a webhook that could not be delivered (dead) and was told otherwise. */
  confirmable: boolean;
  createdAt: string;
  doneAt: string | null;
  /** Who confirmed a task (a webhook is done by its delivery). */
  doneBy: string | null;
};

/** One Art. 19 notification as the customer sees it: who, about what, and whether and when they were told. */
export type CustomerRecipientNotificationView = {
  id: string;
  requestId: string | null;
  trigger: NotificationTrigger;
  categories: DataCategoryId[];
  partyName: Localized;
  status: NotificationStatus;
  createdAt: string;
  doneAt: string | null;
};

/** Staff may confirm a pending task, or a pending webhook whose delivery died (they told the party another way). */
export function isConfirmable(row: {
  method: NotificationMethod;
  status: NotificationStatus;
  delivery: OutboxStatus | null;
}): boolean {
  if (row.status !== "pending") return false;
  return row.method === "task" || row.delivery === "dead";
}
