import {
  DELIVERY_LOG_PAGE_SIZE,
  type DeliveryLogQuery,
  deliveryAction,
  deliveryTopicLabel,
  iso,
  type Localized,
  type OutboxKind,
  type OutboxStatus,
  outboxStatuses,
} from "@tietoni/domain";
import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import { connectedSystems, outbox, webhookEndpoints } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { renderMailBody } from "../mail/render-again.ts";
import { appendAudit, byStaff, recordAudit, type StaffActor } from "./audit.ts";
import { renderWebhookBody } from "./outbox/event-payloads.ts";
import type { OutboxRow } from "./outbox/outbox.ts";
import { fail, invalidState, notFound, type Result, transact } from "./result.ts";

/*
 * The delivery log (issue 13): the outbox's rows as admins see them — ids and metadata, never a body and never a
 * mail address — with retry (a failing or dead row goes again now, its tries counted from zero) and replay (a
 * delivered row goes again with the same id, as Standard Webhooks and Message-ID dedup expect). Every look and
 * every act is audited; a look names the customers on the page, as a search does.
 */

export type DeliveryView = {
  id: string;
  kind: OutboxKind;
  topic: string;
  topicLabel: Localized;
  status: OutboxStatus;
  required: boolean;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  deadAt: string | null;
  /** The receiving system's registered name (webhooks). */
  systemName: string | null;
  requestId: string | null;
  customerId: string | null;
  /** What the admin may do with it now. */
  action: "retry" | "replay" | null;
};

export type DeliveryLog = {
  deliveries: DeliveryView[];
  counts: Record<OutboxStatus, number>;
  page: { number: number; size: number; total: number };
};

type ListedRow = Omit<OutboxRow, "body" | "params"> & { hasBody: boolean; systemName: string | null };

function toView(r: ListedRow): DeliveryView {
  return {
    id: r.id,
    kind: r.kind,
    topic: r.topic,
    topicLabel: deliveryTopicLabel(r.kind, r.topic),
    status: r.status,
    required: r.required,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: iso(r.createdAt),
    lastAttemptAt: iso(r.lastAttemptAt),
    // Only where it means a next try; on a delivered or dead row the column is a leftover lease.
    nextAttemptAt: r.status === "pending" || r.status === "failing" ? iso(r.nextAttemptAt) : null,
    deliveredAt: iso(r.deliveredAt),
    deadAt: iso(r.deadAt),
    systemName: r.systemName,
    requestId: r.requestId,
    customerId: r.customerId,
    action: deliveryAction({ kind: r.kind, topic: r.topic, status: r.status, hasBody: r.hasBody }),
  };
}

/** The columns the log reads: never the body itself (only whether there is one) nor the params. */
const listed = {
  id: outbox.id,
  kind: outbox.kind,
  topic: outbox.topic,
  status: outbox.status,
  bodyExpiresAt: outbox.bodyExpiresAt,
  customerId: outbox.customerId,
  requestId: outbox.requestId,
  required: outbox.required,
  endpointId: outbox.endpointId,
  attempts: outbox.attempts,
  nextAttemptAt: outbox.nextAttemptAt,
  lastError: outbox.lastError,
  lastAttemptAt: outbox.lastAttemptAt,
  createdAt: outbox.createdAt,
  deliveredAt: outbox.deliveredAt,
  deadAt: outbox.deadAt,
};
/** Whether the row still holds its body: asked in SQL, so a page of the log never reads a mail's content. */
const hasBody = sql<number>`${outbox.body} is not null`;

async function readLog(q: Queries, query: DeliveryLogQuery): Promise<DeliveryLog> {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(outbox.status, query.status));
  if (query.kind) conditions.push(eq(outbox.kind, query.kind));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const number = query.page ?? 1;
  const rows = await q
    .select({ ...listed, hasBody, systemName: connectedSystems.name })
    .from(outbox)
    .leftJoin(webhookEndpoints, eq(webhookEndpoints.id, outbox.endpointId))
    .leftJoin(connectedSystems, eq(connectedSystems.id, webhookEndpoints.systemId))
    .where(where)
    // Newest first; the id breaks ties so pages neither repeat nor skip a row.
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(DELIVERY_LOG_PAGE_SIZE)
    .offset((number - 1) * DELIVERY_LOG_PAGE_SIZE);
  // Counts per status under the kind filter only: the tabs show how many each status holds.
  const byStatus = await q
    .select({ status: outbox.status, n: count() })
    .from(outbox)
    .where(query.kind ? eq(outbox.kind, query.kind) : undefined)
    .groupBy(outbox.status);
  const counts = Object.fromEntries(outboxStatuses.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const c of byStatus) counts[c.status] = c.n;
  const total = query.status ? counts[query.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    deliveries: rows.map((r) => toView({ ...r, hasBody: Boolean(r.hasBody) })),
    counts,
    page: { number, size: DELIVERY_LOG_PAGE_SIZE, total },
  };
}

/** One page of the log with the counts per status; the customers it names are the audit entry's subjects. */
export async function viewDeliveryLog(
  db: Db,
  query: DeliveryLogQuery,
  actor: StaffActor,
  now: number,
): Promise<DeliveryLog> {
  const log = await db.read((r) => readLog(r, query));
  const subjects = log.deliveries.flatMap((d) => (d.customerId ? [d.customerId] : []));
  await recordAudit(
    db,
    byStaff(actor, {
      action: "outbox.viewed",
      subjects,
      detail: {
        status: query.status ?? null,
        kind: query.kind ?? null,
        page: log.page.number,
        rows: log.deliveries.length,
      },
    }),
    now,
  );
  return log;
}

async function loadRow(q: Queries, id: string): Promise<OutboxRow | undefined> {
  return q.select().from(outbox).where(eq(outbox.id, id)).get();
}

/** The row's body again from its metadata: the webhook's payload from the customer's state, or a required notice. */
function renderAgain(db: Db, row: OutboxRow): Promise<unknown | null> {
  return row.kind === "webhook" ? renderWebhookBody(db, row) : renderMailBody(db, row);
}

/**
 * Puts a row back in the queue, due now, tries counted from zero. The row is rendered outside the transaction (the
 * renderers read through the database handle); the write then holds only if the row is still as it was read, so a
 * try finishing in between is not overwritten.
 */
async function requeue(
  { db, now }: Pick<Deps, "db" | "now">,
  id: string,
  actor: StaffActor,
  step: "retry" | "replay",
): Promise<Result<{ delivery: DeliveryView }>> {
  const row = await loadRow(db, id);
  if (!row) return notFound();
  const action = deliveryAction({ kind: row.kind, topic: row.topic, status: row.status, hasBody: row.body !== null });
  const allowed = step === "retry" ? row.status === "failing" || row.status === "dead" : row.status === "delivered";
  if (!allowed) return invalidState();
  if (action !== step) return fail(409, "delivery_not_replayable");
  // Only code mails have a body that expires, and deliveryAction never lets one through.
  let body = row.body;
  if (body === null) {
    const rendered = await renderAgain(db, row);
    if (rendered === null) return fail(409, "delivery_not_replayable");
    body = JSON.stringify(rendered);
  }
  const at = now();
  return transact(db, async (tx) => {
    const changed = await tx
      .update(outbox)
      .set({
        status: "pending",
        body,
        attempts: 0,
        nextAttemptAt: at,
        lastError: null,
        // deliveredAt stays: a replayed row was received once, whatever this try does.
        deadAt: null,
      })
      .where(and(eq(outbox.id, id), eq(outbox.status, row.status), eq(outbox.nextAttemptAt, row.nextAttemptAt)))
      .run();
    if (changed.changes !== 1) return invalidState();
    await appendAudit(
      tx,
      byStaff(actor, {
        action: step === "retry" ? "outbox.retried" : "outbox.replayed",
        customerId: row.customerId,
        detail: { outboxId: id, kind: row.kind, topic: row.topic, from: row.status, requestId: row.requestId },
      }),
      at,
    );
    const after = await tx
      .select({ ...listed, hasBody, systemName: connectedSystems.name })
      .from(outbox)
      .leftJoin(webhookEndpoints, eq(webhookEndpoints.id, outbox.endpointId))
      .leftJoin(connectedSystems, eq(connectedSystems.id, webhookEndpoints.systemId))
      .where(eq(outbox.id, id))
      .get();
    if (!after) throw new Error("outbox row vanished after requeue");
    return { ok: true, delivery: toView({ ...after, hasBody: Boolean(after.hasBody) }) };
  });
}

/** A failing or dead row goes again now (409 invalid_state otherwise; delivery_not_replayable if it cannot be rebuilt). */
export function retryDelivery(deps: Pick<Deps, "db" | "now">, id: string, actor: StaffActor) {
  return requeue(deps, id, actor, "retry");
}

/** A delivered row goes again with the same id (409 invalid_state otherwise; delivery_not_replayable for a code mail). */
export function replayDelivery(deps: Pick<Deps, "db" | "now">, id: string, actor: StaffActor) {
  return requeue(deps, id, actor, "replay");
}

/* ---- Required notices flagged in the desk ---- */

/** A required notice (refusal, extension, lift notice) that has not reached the customer: failing or dead. */
export type UndeliveredNotice = {
  outboxId: string;
  template: string;
  templateLabel: Localized;
  status: "failing" | "dead";
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
};

/**
 * The required notices of these requests that are failing or dead, oldest first. Once a row is delivered (a retry
 * went through) it drops out, and with it the flag on the request.
 */
export async function undeliveredRequiredNotices(
  q: Queries,
  requestIds: readonly string[],
): Promise<Map<string, UndeliveredNotice[]>> {
  const byRequest = new Map<string, UndeliveredNotice[]>();
  if (requestIds.length === 0) return byRequest;
  const rows = await q
    .select({
      id: outbox.id,
      requestId: outbox.requestId,
      topic: outbox.topic,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      lastAttemptAt: outbox.lastAttemptAt,
    })
    .from(outbox)
    .where(
      and(
        eq(outbox.required, true),
        inArray(outbox.status, ["failing", "dead"]),
        inArray(outbox.requestId, [...requestIds]),
      ),
    )
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
  for (const r of rows) {
    if (r.requestId === null || (r.status !== "failing" && r.status !== "dead")) continue;
    const list = byRequest.get(r.requestId) ?? [];
    list.push({
      outboxId: r.id,
      template: r.topic,
      templateLabel: deliveryTopicLabel("mail", r.topic),
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      lastAttemptAt: iso(r.lastAttemptAt),
    });
    byRequest.set(r.requestId, list);
  }
  return byRequest;
}
