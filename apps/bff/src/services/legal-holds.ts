import {
  type DataCategoryId,
  dataCategoryIds,
  iso,
  type LegalHoldClearInput,
  type LegalHoldSetInput,
  legalHoldApplies,
} from "@tietoni/domain";
import { and, desc, eq, isNull } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Queries, Tx } from "../db/port.ts";
import { customers, legalHolds } from "../db/schema.ts";
import { type AuditEntry, appendAudit } from "./audit.ts";
import { fail, notFound, type Result } from "./result.ts";

/*
 * Legal holds (issue 12): a hold blocks erasure while it applies (set, not cleared, not past its last day). Set and
 * cleared by staff (clearing by an agent needs an approval: the staff record-keeping service decides that before
 * calling here) or by a connected system's API client with the `holds:write` scope. These functions write inside
 * the caller's transaction with the audit entry the caller's actor makes.
 */

export type HoldActor = {
  audit: Pick<AuditEntry, "actor" | "ip">;
  type: "staff" | "client" | "system";
  id: string | null;
};

export type LegalHoldView = {
  id: string;
  reason: string;
  reference: string | null;
  endsOn: string | null;
  setAt: string;
  setByType: string;
  clearedAt: string | null;
  clearReason: string | null;
  applies: boolean;
  /** Issue 14 A: the categories the hold keeps through an erasure; null: every category. */
  keeps: DataCategoryId[] | null;
};

/** The stored `keeps` (a JSON array of category ids, or null: everything) as the domain's categories. */
export function holdKeeps(stored: string | null): DataCategoryId[] | null {
  if (stored === null) return null;
  const parsed: unknown = JSON.parse(stored);
  if (!Array.isArray(parsed)) return null;
  // An id the register no longer knows keeps nothing; a hold never keeps less than it named by being read.
  return dataCategoryIds.filter((c) => parsed.includes(c));
}

export async function setLegalHold(
  tx: Tx,
  customerId: string,
  input: LegalHoldSetInput,
  actor: HoldActor,
  now: number,
): Promise<Result<{ holdId: string }>> {
  const customer = await tx
    .select({ id: customers.id, anonymisedAt: customers.anonymisedAt })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
  if (!customer || customer.anonymisedAt !== null) return notFound();
  const today = iso(now).slice(0, 10);
  if (input.endsOn !== null && input.endsOn < today) return fail(400, "hold_end_in_past", "endsOn");
  const holdId = randomToken();
  await tx.insert(legalHolds).values({
    id: holdId,
    customerId,
    reason: input.reason,
    reference: input.reference,
    endsOn: input.endsOn,
    keeps: input.keeps === null ? null : JSON.stringify(input.keeps),
    setAt: now,
    setByType: actor.type,
    setById: actor.id,
  });
  // The reason and reference may name people; the trail keeps ids only (it outlives an erasure).
  await appendAudit(
    tx,
    {
      ...actor.audit,
      action: "legal_hold.set",
      customerId,
      detail: { holdId, endsOn: input.endsOn, keeps: input.keeps },
    },
    now,
  );
  return { ok: true, holdId };
}

export async function clearLegalHold(
  tx: Tx,
  customerId: string,
  holdId: string,
  input: LegalHoldClearInput,
  actor: HoldActor & { approvedBy?: string | null },
  now: number,
): Promise<Result<{ holdId: string }>> {
  const hold = await tx
    .select({ id: legalHolds.id })
    .from(legalHolds)
    .where(and(eq(legalHolds.id, holdId), eq(legalHolds.customerId, customerId), isNull(legalHolds.clearedAt)))
    .get();
  if (!hold) return notFound();
  await tx
    .update(legalHolds)
    .set({
      clearedAt: now,
      clearedByType: actor.type,
      clearedById: actor.id,
      clearReason: input.reason,
      approvedBy: actor.approvedBy ?? null,
    })
    .where(eq(legalHolds.id, holdId));
  await appendAudit(
    tx,
    {
      ...actor.audit,
      action: "legal_hold.cleared",
      customerId,
      detail: { holdId, ...(actor.approvedBy ? { approvedBy: actor.approvedBy } : {}) },
    },
    now,
  );
  return { ok: true, holdId };
}

/** A customer's holds, newest first, each saying whether it applies on the day of `now`. */
export async function listLegalHolds(q: Queries, customerId: string, now: number): Promise<LegalHoldView[]> {
  const today = iso(now).slice(0, 10);
  const rows = await q
    .select()
    .from(legalHolds)
    .where(eq(legalHolds.customerId, customerId))
    .orderBy(desc(legalHolds.setAt));
  return rows.map((h) => ({
    id: h.id,
    reason: h.reason,
    reference: h.reference,
    endsOn: h.endsOn,
    setAt: iso(h.setAt),
    setByType: h.setByType,
    clearedAt: iso(h.clearedAt),
    clearReason: h.clearReason,
    applies: legalHoldApplies(h, today),
    keeps: holdKeeps(h.keeps),
  }));
}
