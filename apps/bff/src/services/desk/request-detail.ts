import {
  type ActorType,
  assessErasure,
  type CustomerRecord,
  type ErasureAssessment,
  type FinancialYearEnd,
  helsinkiDate,
  iso,
  type Localized,
  type RecipientNotificationView,
  type RequestView,
} from "@tietoni/domain";
import { asc, eq } from "drizzle-orm";
import type { Db, Queries } from "../../db/port.ts";
import { correctionNotifications, requestEvents, requests, staffUsers } from "../../db/schema.ts";
import { registerDescription } from "../../notice/notice.ts";
import { byStaff, recordAudit, type StaffActor } from "../audit.ts";
import { loadCustomerRecord } from "../customer-record.ts";
import { type UndeliveredNotice, undeliveredRequiredNotices } from "../deliveries.ts";
import { gatherErasureFacts } from "../erasure-facts.ts";
import { requestRecipientNotifications } from "../recipient-notifications.ts";
import { toRequestView } from "../requests.ts";
import { notFound, type Result } from "../result.ts";

type RequestRow = typeof requests.$inferSelect;

/** A party confirmed on the tick list Art. 19 had before issue 13 (correction_notifications), kept as history. */
export type EarlierNotification = { partyKind: "source" | "recipient"; name: Localized; at: string; staffName: string };

/**
 * Art. 19 on a request: the parties to tell of what it decided (from the disclosure log and the recorded sources,
 * issue 13) with how each is told and whether it was, and any parties confirmed on the old tick list.
 */
export type Notifications = { parties: RecipientNotificationView[]; earlier: EarlierNotification[] };

export type DeskRequest = {
  request: RequestView;
  customerId: string;
  customer: CustomerRecord | null;
  /** Staff-only notes, never shown to the customer. */
  notes: { at: string; staffName: string; note: string }[];
  /** Every step with who took it; `internal` steps (assignment, notifications) are not shown to the customer. */
  timeline: {
    at: string;
    event: string;
    note: string | null;
    actor: { type: ActorType; name: string | null };
    internal: boolean;
  }[];
  assignedTo: { id: string; displayName: string } | null;
  erasure: ErasureAssessment | null;
  notifications: Notifications | null;
  /** A paper access request's identity check (issue 12): how, by whom, when; null until recorded. */
  identity: { method: string; verifiedBy: string | null; verifiedAt: string } | null;
  /** Issue 13: required notices of this request that have not reached the customer (flagged until delivered). */
  undeliveredNotices: UndeliveredNotice[];
};

export async function findRequest(q: Queries, id: string): Promise<RequestRow | null> {
  return (await q.select().from(requests).where(eq(requests.id, id)).get()) ?? null;
}

/** Requests whose decision Art. 19 speaks of: the page shows their parties, or that there are none yet. */
const art19Types: ReadonlySet<RequestRow["type"]> = new Set(["rectification", "erasure", "restriction"]);

/** The request's Art. 19 parties and the old tick list's confirmations; null for a request Art. 19 has no part in. */
export async function loadNotifications(q: Queries, row: RequestRow): Promise<Notifications | null> {
  const parties = await requestRecipientNotifications(q, row.id);
  const old = await q
    .select({
      partyKind: correctionNotifications.partyKind,
      partyId: correctionNotifications.partyId,
      at: correctionNotifications.notifiedAt,
      staffName: staffUsers.displayName,
    })
    .from(correctionNotifications)
    .innerJoin(staffUsers, eq(staffUsers.id, correctionNotifications.notifiedBy))
    .where(eq(correctionNotifications.requestId, row.id))
    .orderBy(asc(correctionNotifications.notifiedAt), asc(correctionNotifications.id));
  if (parties.length === 0 && old.length === 0 && !art19Types.has(row.type)) return null;
  const names: Record<string, { name: Localized } | undefined> = {
    ...Object.fromEntries(Object.entries(registerDescription.sources).map(([k, v]) => [`source:${k}`, v])),
    ...Object.fromEntries(Object.entries(registerDescription.recipients).map(([k, v]) => [`recipient:${k}`, v])),
  };
  return {
    parties,
    earlier: old.map((n) => ({
      partyKind: n.partyKind,
      name: names[`${n.partyKind}:${n.partyId}`]?.name ?? { fi: n.partyId, en: n.partyId },
      at: iso(n.at),
      staffName: n.staffName,
    })),
  };
}

/** The request, its history and the domain's findings, read on one snapshot. */
async function readRequestParts(r: Queries, id: string, today: string, financialYearEnd?: FinancialYearEnd) {
  const row = await findRequest(r, id);
  if (!row) return null;
  const events = await r
    .select({ event: requestEvents, staffName: staffUsers.displayName })
    .from(requestEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, requestEvents.actorId))
    .where(eq(requestEvents.requestId, id))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
  const assignee = row.assignedTo
    ? await r
        .select({ id: staffUsers.id, displayName: staffUsers.displayName })
        .from(staffUsers)
        .where(eq(staffUsers.id, row.assignedTo))
        .get()
    : undefined;
  const erasure =
    row.type === "erasure" ? assessErasure(await gatherErasureFacts(r, row.customerId, today), financialYearEnd) : null;
  const verifier = row.identityVerifiedBy
    ? await r
        .select({ displayName: staffUsers.displayName })
        .from(staffUsers)
        .where(eq(staffUsers.id, row.identityVerifiedBy))
        .get()
    : undefined;
  const undelivered = (await undeliveredRequiredNotices(r, [row.id])).get(row.id) ?? [];
  return { row, events, assignee, erasure, notifications: await loadNotifications(r, row), verifier, undelivered };
}

/** What the request page shows: the request, its customer's record, notes, history and the domain's findings. */
export async function loadDeskRequest(
  db: Db,
  id: string,
  now: number,
  /** FINANCIAL_YEAR_END: the bookkeeping period the erasure assessment shows counts from it (issue 14 B). */
  financialYearEnd?: FinancialYearEnd,
): Promise<DeskRequest | null> {
  const parts = await db.read((r) => readRequestParts(r, id, helsinkiDate(now), financialYearEnd));
  if (!parts) return null;
  const { row, events } = parts;
  return {
    request: toRequestView(
      row,
      events.map((e) => e.event),
    ),
    customerId: row.customerId,
    customer: await loadCustomerRecord(db, row.customerId, { now, audience: "staff" }),
    notes: events
      .filter((e) => e.event.internal && e.event.event === "note")
      .map((e) => ({ at: iso(e.event.at), staffName: e.staffName ?? "", note: e.event.note ?? "" })),
    timeline: events
      .filter((e) => e.event.event !== "note")
      .map((e) => ({
        at: iso(e.event.at),
        event: e.event.event,
        note: e.event.note,
        actor: { type: e.event.actorType, name: e.event.actorType === "staff" ? e.staffName : null },
        internal: e.event.internal,
      })),
    assignedTo: parts.assignee ?? null,
    erasure: parts.erasure,
    notifications: parts.notifications,
    identity:
      row.identityMethod !== null && row.identityVerifiedAt !== null
        ? {
            method: row.identityMethod,
            verifiedBy: parts.verifier?.displayName ?? null,
            verifiedAt: iso(row.identityVerifiedAt),
          }
        : null,
    undeliveredNotices: parts.undelivered,
  };
}

/** One request for the desk; the read of the customer's data is audited (SPEC §4), an unknown id is not. */
export async function viewDeskRequest(
  db: Db,
  id: string,
  actor: StaffActor,
  now: number,
  financialYearEnd?: FinancialYearEnd,
): Promise<Result<{ detail: DeskRequest }>> {
  const detail = await loadDeskRequest(db, id, now, financialYearEnd);
  if (!detail) return notFound();
  await recordAudit(
    db,
    byStaff(actor, { action: "request.viewed", customerId: detail.customerId, detail: { requestId: id } }),
    now,
  );
  return { ok: true, detail };
}
