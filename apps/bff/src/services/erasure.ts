import {
  assessErasure,
  type DataCategoryId,
  dataCategoryIds,
  type ErasureAssessment,
  type ErasureScope,
  erasureScope,
  helsinkiDate,
  PARTIAL_ERASURE_DECISION,
  personallyKept,
  type RequestView,
} from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Queries, Tx } from "../db/port.ts";
import { billingDetails, customers, ipAddresses, organisationRoles, partialErasures, requests } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { erasureCompletedMail, partialErasureMail } from "../mail/operation-templates.ts";
import { customerMailLanguage } from "../notice/notice.ts";
import { anonymiseCustomer, eraseCategories } from "./anonymise.ts";
import { appendAudit, auditActorOf, byStaff, type StaffActor } from "./audit.ts";
import { decide } from "./desk/decisions.ts";
import { gatherErasureFacts } from "./erasure-facts.ts";
import { openPartialErasure } from "./erasure-remainder.ts";
import { externalIdsBySystem } from "./outbox/event-payloads.ts";
import { emitCustomerEvent } from "./outbox/events.ts";
import { recordedSources } from "./recipient-notifications.ts";
import { loadRequestView } from "./requests.ts";
import { pendingOperationRequest } from "./restriction.ts";
import { notFound, type Result, transact } from "./result.ts";

/*
 * Erasure (GDPR Art. 17) on a customer's request, carried out as anonymisation (services/anonymise.ts). The
 * grounds are read in the same transaction as the change, so nothing can slip in between. Issue 14 A: while a ground
 * holds, the erasure is partial — what no ground covers goes now (the domain's erasureScope says what), the rest
 * when the last ground ends (erasure-remainder.ts).
 */

/** The decision text the customer sees; fixed, so it carries no personal data past an erasure. */
const ERASURE_DECISION =
  "Tiedot on anonymisoitu pyyntösi mukaisesti. / Your data has been anonymised as you requested.";

/** Categories an erasure removes: every category but the orders, which stay (bookkeeping) without their person. */
type RemovableCategory = Exclude<DataCategoryId, "orders">;
const removableCategories = dataCategoryIds.filter((c): c is RemovableCategory => c !== "orders");

/** What an erasure would remove for this customer now, as the register description's category ids. */
async function categoriesHeld(q: Queries, customerId: string): Promise<DataCategoryId[]> {
  const c = await q.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!c || c.anonymisedAt !== null) return [];
  const exists = (row: unknown) => row !== undefined;
  const held: Record<RemovableCategory, boolean> = {
    name: c.firstName !== "" || c.lastName !== "",
    organisation: exists(
      await q
        .select({ id: organisationRoles.id })
        .from(organisationRoles)
        .where(eq(organisationRoles.customerId, customerId))
        .get(),
    ),
    email: c.email !== null,
    postalAddress: c.street !== null || c.postalCode !== null || c.city !== null || c.country !== null,
    phone: c.phone !== null,
    www: c.www !== null,
    ipAddress: exists(
      await q.select({ id: ipAddresses.id }).from(ipAddresses).where(eq(ipAddresses.customerId, customerId)).get(),
    ),
    billing: exists(
      await q
        .select({ id: billingDetails.customerId })
        .from(billingDetails)
        .where(eq(billingDetails.customerId, customerId))
        .get(),
    ),
  };
  return removableCategories.filter((category) => held[category]);
}

/** The partial erasure's outcome: what went, what each ground keeps and until when. */
export type PartialOutcome = { id: string; erased: ErasureScope["erased"]; kept: ErasureScope["kept"] };

/** The audit's view of the kept: grounds, categories, days and hold ids; no organisation names (they stay off the trail). */
export const keptForAudit = (kept: ErasureScope["kept"]) =>
  kept.map((k) => ({ ground: k.ground, categories: k.categories, until: k.until, holdId: k.detail.holdId ?? null }));

/** What blocks the erasure now and which categories it would remove; the look is audited. */
export function previewErasure(
  { db, env }: Pick<Deps, "db" | "env">,
  requestId: string,
  actor: StaffActor,
  now: number,
): Promise<
  Result<{
    assessment: ErasureAssessment;
    scope: ErasureScope;
    removes: DataCategoryId[];
    request: RequestView;
    customerId: string;
    /** Issue 14 A: the open partial erasure of the customer and whether its last ground has ended. */
    remainder: { partialErasureId: string; erasedAt: number; due: boolean } | null;
  }>
> {
  return transact(db, async (tx) => {
    const row = await tx.select().from(requests).where(eq(requests.id, requestId)).get();
    if (row?.type !== "erasure") return notFound();
    const facts = await gatherErasureFacts(tx, row.customerId, helsinkiDate(now));
    const assessment = assessErasure(facts);
    const scope = erasureScope(facts, env.FINANCIAL_YEAR_END);
    // What the customer holds of the categories the erasure removes now.
    const held = await categoriesHeld(tx, row.customerId);
    const removes = held.filter((c) => scope.erased.includes(c));
    const open = await openPartialErasure(tx, row.customerId);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "erasure.previewed",
        customerId: row.customerId,
        detail: { requestId, blocked: assessment.blocked, partialErasureId: open?.id ?? null },
      }),
      now,
    );
    const request = await loadRequestView(tx, requestId);
    if (!request) return notFound();
    const remainder = open ? { partialErasureId: open.id, erasedAt: open.erasedAt, due: scope.complete } : null;
    return { ok: true, assessment, scope, removes, request, customerId: row.customerId, remainder };
  });
}

/**
 * Anonymises the customer of a pending erasure request and completes the request; the confirmation goes to the
 * address read before it was cleared. While a ground holds, erases what no ground covers instead (`partial`: the
 * row in partial_erasures, the audit entry and the mail say what was kept, on which ground, until when).
 * 409 invalid_state once the request is decided or the record erased. `within`: the caller's transaction
 * (issue 14 D: the four-eyes check and an approval run the erasure in theirs, so it and its approval are one).
 */
export function executeErasure(
  { db, mail, env, outbox }: Pick<Deps, "db" | "mail" | "env" | "outbox">,
  requestId: string,
  actor: StaffActor,
  now: number,
  within?: Tx,
): Promise<Result<{ request: RequestView; suppressed: boolean; partial: PartialOutcome | null }>> {
  type Done = Result<{ request: RequestView; suppressed: boolean; partial: PartialOutcome | null }>;
  const run = (fn: (tx: Tx) => Promise<Done>) => (within ? fn(within) : transact(db, fn));
  return run(async (tx) => {
    const pending = await pendingOperationRequest(tx, requestId, "erasure");
    if (!pending.ok) return pending;
    const { row } = pending;
    const facts = await gatherErasureFacts(tx, row.customerId, helsinkiDate(now));
    const assessment = assessErasure(facts);
    const scope = erasureScope(facts, env.FINANCIAL_YEAR_END);
    if (!scope.complete) return erasePartially(tx, { mail, env }, pending, scope, actor, now);
    // The systems' own ids of the person go with the anonymisation; the erasure event still needs them.
    const externalIds = await externalIdsBySystem(tx, row.customerId);
    // So are the recorded sources, which Art. 19 tells of the erasure too.
    const sources = await recordedSources(tx, row.customerId);
    // The confirmation goes in the customer's language, read (with the request) before the erasure clears it.
    const locale = customerMailLanguage(pending.customer.language);
    const result = await anonymiseCustomer(tx, row.customerId, {
      now,
      actor: auditActorOf(actor),
      reason: "erasure",
      suppressionKey: env.suppressionKey,
      requestId,
      ip: actor.ip,
    });
    // After the anonymisation, which drops the customer's outbox bodies: this one must still go. Ids only.
    await emitCustomerEvent(
      tx,
      { outbox, now: () => now },
      { type: "customer.erased", customerId: row.customerId, requestId, externalIds, sources },
    );
    // The history event carries no note: the decision text says it all.
    await decide(tx, row, actor, now, "completed", ERASURE_DECISION, null);
    const request = await loadRequestView(tx, requestId);
    if (!request) throw new Error("request vanished after the erasure");
    if (result.formerEmail) {
      // Not tied to the customer: the erasure just dropped their outbox bodies, and this one must still go.
      await mail.enqueueMail(tx, erasureCompletedMail(result.formerEmail, locale, assessment.kept), {
        template: "erasure_completed",
        requestId,
      });
    }
    return { ok: true, request, suppressed: result.suppressed, partial: null };
  });
}

/** The partial path of executeErasure, in its transaction. */
async function erasePartially(
  tx: Tx,
  { mail, env }: Pick<Deps, "mail" | "env">,
  pending: { row: typeof requests.$inferSelect; customer: { language: Parameters<typeof customerMailLanguage>[0] } },
  scope: ErasureScope,
  actor: StaffActor,
  now: number,
): Promise<Result<{ request: RequestView; suppressed: boolean; partial: PartialOutcome }>> {
  const { row } = pending;
  const locale = customerMailLanguage(pending.customer.language);
  const { result, removed } = await eraseCategories(tx, row.customerId, personallyKept(scope), {
    now,
    actor: auditActorOf(actor),
    reason: "erasure",
    suppressionKey: env.suppressionKey,
    requestId: row.id,
    ip: actor.ip,
  });
  const id = randomToken();
  await tx.insert(partialErasures).values({
    id,
    customerId: row.customerId,
    requestId: row.id,
    erasedAt: now,
    erased: JSON.stringify(scope.erased),
    kept: JSON.stringify(scope.kept),
  });
  await appendAudit(
    tx,
    byStaff(actor, {
      action: "customer.partially_erased",
      customerId: row.customerId,
      detail: {
        requestId: row.id,
        partialErasureId: id,
        erased: scope.erased,
        kept: keptForAudit(scope.kept),
        removed,
        suppressed: result.suppressed,
      },
    }),
    now,
  );
  await decide(tx, row, actor, now, "completed", PARTIAL_ERASURE_DECISION, null);
  const request = await loadRequestView(tx, row.id);
  if (!request) throw new Error("request vanished after the partial erasure");
  if (result.formerEmail) {
    // To the address read before the erasure: it may be among the erased (no contact-person role keeps it).
    await mail.enqueueMail(tx, partialErasureMail(result.formerEmail, locale, scope), {
      template: "erasure_partial",
      requestId: row.id,
    });
  }
  return { ok: true, request, suppressed: result.suppressed, partial: { id, erased: scope.erased, kept: scope.kept } };
}
