import {
  INBOUND_ISSUES_PAGE,
  type InboundIssueKind,
  type InboundIssueResolution,
  iso,
  resolutionFits,
} from "@tietoni/domain";
import { and, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { connectedSystems, customers, externalIds, inboundIssues } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { appendAudit, auditActorOf, byStaff, recordAudit, type StaffActor } from "./audit.ts";
import { applyKeptValue } from "./ingest/ingest.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * The desk's inbox of incoming data (issue 12): the conflicts, possible duplicates and erased customers' addresses
 * the ingest service held back, until staff resolve them. Listing shows customers' data (names, both values), so it
 * is audited as a staff read naming every customer on the page; each resolution is audited.
 */

const shownKinds = ["conflict", "duplicate", "erased"] as const satisfies readonly InboundIssueKind[];

export type InboundIssueView = {
  id: number;
  kind: (typeof shownKinds)[number];
  systemName: string;
  externalId: string | null;
  line: number | null;
  customerId: string | null;
  customerName: string | null;
  field: string | null;
  incomingValue: string | null;
  incomingAt: string | null;
  currentValue: string | null;
  currentAt: string | null;
  currentBy: string | null;
  /** Possible duplicates: the systems the existing customer is known under. */
  systems: string[];
  /** Erased customers' addresses: the day of the erasure. */
  erasedOn: string | null;
  createdAt: string;
};

function parseDetail(detail: string): {
  current?: string | null;
  systems?: string[];
  erasedOn?: string;
  value?: unknown;
} {
  try {
    return JSON.parse(detail) as ReturnType<typeof parseDetail>;
  } catch {
    return {};
  }
}

/** A page of unresolved issues, newest first; `nextBefore` asks for the next page. */
export async function listInboundIssues(
  db: Db,
  query: { before?: number | undefined },
  actor: StaffActor,
  now: number,
): Promise<{ issues: InboundIssueView[]; nextBefore: number | null }> {
  const rows = await db.read((r) =>
    r
      .select({
        id: inboundIssues.id,
        kind: inboundIssues.kind,
        systemName: connectedSystems.name,
        externalId: inboundIssues.externalId,
        line: inboundIssues.line,
        customerId: inboundIssues.customerId,
        firstName: customers.firstName,
        lastName: customers.lastName,
        field: inboundIssues.field,
        incomingValue: inboundIssues.incomingValue,
        incomingAt: inboundIssues.incomingAt,
        currentAt: inboundIssues.currentAt,
        currentBy: inboundIssues.currentBy,
        detail: inboundIssues.detail,
        createdAt: inboundIssues.createdAt,
      })
      .from(inboundIssues)
      .innerJoin(connectedSystems, eq(connectedSystems.id, inboundIssues.systemId))
      .leftJoin(customers, eq(customers.id, inboundIssues.customerId))
      .where(
        and(
          isNull(inboundIssues.resolvedAt),
          inArray(inboundIssues.kind, [...shownKinds]),
          query.before === undefined ? undefined : lt(inboundIssues.id, query.before),
        ),
      )
      .orderBy(desc(inboundIssues.id))
      .limit(INBOUND_ISSUES_PAGE + 1),
  );
  const page = rows.slice(0, INBOUND_ISSUES_PAGE);
  const issues = page.map((row): InboundIssueView => {
    const detail = parseDetail(row.detail);
    return {
      id: row.id,
      kind: row.kind as InboundIssueView["kind"],
      systemName: row.systemName,
      externalId: row.externalId,
      line: row.line,
      customerId: row.customerId,
      customerName: row.firstName === null ? null : `${row.firstName} ${row.lastName ?? ""}`.trim(),
      field: row.field,
      incomingValue: row.incomingValue,
      incomingAt: iso(row.incomingAt),
      currentValue: detail.current ?? null,
      currentAt: iso(row.currentAt),
      currentBy: row.currentBy,
      systems: detail.systems ?? [],
      erasedOn: detail.erasedOn ?? null,
      createdAt: iso(row.createdAt),
    };
  });
  const subjects = [...new Set(issues.flatMap((i) => (i.customerId ? [i.customerId] : [])))];
  await recordAudit(
    db,
    byStaff(actor, {
      action: "inbound_issues.viewed",
      subjects,
      detail: { shown: issues.length, before: query.before ?? null },
    }),
    now,
  );
  return { issues, nextBefore: rows.length > INBOUND_ISSUES_PAGE ? (page.at(-1)?.id ?? null) : null };
}

/**
 * Resolves one issue: a conflict kept or applied (the incoming value written now, with history naming the system),
 * a possible duplicate linked (the system's id added to the existing customer) or dismissed, an erased customer's
 * address dismissed. An issue is resolved once.
 */
export function resolveInboundIssue(
  { db, outbox }: Pick<Deps, "db" | "outbox">,
  issueId: number,
  resolution: InboundIssueResolution,
  actor: StaffActor,
  now: number,
): Promise<Result<{ id: number; resolution: InboundIssueResolution }>> {
  return transact(db, async (tx) => {
    const issue = await tx
      .select({
        id: inboundIssues.id,
        kind: inboundIssues.kind,
        systemId: inboundIssues.systemId,
        systemName: connectedSystems.name,
        externalId: inboundIssues.externalId,
        customerId: inboundIssues.customerId,
        field: inboundIssues.field,
        incomingValue: inboundIssues.incomingValue,
        detail: inboundIssues.detail,
        resolvedAt: inboundIssues.resolvedAt,
      })
      .from(inboundIssues)
      .innerJoin(connectedSystems, eq(connectedSystems.id, inboundIssues.systemId))
      .where(eq(inboundIssues.id, issueId))
      .get();
    if (!issue || issue.kind === "refused") return notFound();
    if (issue.resolvedAt !== null) return fail(409, "invalid_state");
    if (!resolutionFits(issue.kind, resolution)) return fail(400, "inbound_issue_resolution_invalid");

    if (resolution === "apply") {
      if (!issue.customerId || !issue.field) return fail(409, "invalid_state");
      const applied = await applyKeptValue(
        tx,
        { outbox, now: () => now },
        {
          customerId: issue.customerId,
          field: issue.field,
          value: parseDetail(issue.detail).value ?? null,
          display: issue.incomingValue,
          system: { id: issue.systemId, name: issue.systemName },
          actor: auditActorOf(actor),
          now,
        },
      );
      if (!applied) return fail(409, "invalid_state");
    }
    if (resolution === "link") {
      if (!issue.customerId || !issue.externalId) return fail(409, "invalid_state");
      const linked = await tx
        .insert(externalIds)
        .values({
          systemId: issue.systemId,
          kind: "customer",
          externalId: issue.externalId,
          localId: issue.customerId,
          createdAt: now,
        })
        .onConflictDoNothing()
        .run();
      // The system's id already names someone (a later row created them): linking would move it silently.
      if (linked.changes === 0) return fail(409, "invalid_state");
    }
    await tx
      .update(inboundIssues)
      .set({ resolvedAt: now, resolvedBy: actor.id, resolution })
      .where(eq(inboundIssues.id, issue.id));
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "inbound_issue.resolved",
        customerId: issue.customerId,
        detail: { issueId: issue.id, kind: issue.kind, resolution, field: issue.field, systemId: issue.systemId },
      }),
      now,
    );
    return { ok: true, id: issue.id, resolution };
  });
}
