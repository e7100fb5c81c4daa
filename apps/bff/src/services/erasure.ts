import {
  assessErasure,
  type DataCategoryId,
  dataCategoryIds,
  type ErasureAssessment,
  type ErasureBlocker,
  helsinkiDate,
  mailLanguage,
  type RequestView,
} from "@tietoni/domain";
import { eq } from "drizzle-orm";
import type { Queries, Tx } from "../db/port.ts";
import { billingDetails, customers, ipAddresses, organisationRoles, requests } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { erasureCompletedMail } from "../mail/operation-templates.ts";
import { anonymiseCustomer } from "./anonymise.ts";
import { appendAudit, auditActorOf, byStaff, type StaffActor } from "./audit.ts";
import { decide } from "./desk/decisions.ts";
import { gatherErasureFacts } from "./erasure-facts.ts";
import { externalIdsBySystem } from "./outbox/event-payloads.ts";
import { emitCustomerEvent } from "./outbox/events.ts";
import { recordedSources } from "./recipient-notifications.ts";
import { loadRequestView } from "./requests.ts";
import { pendingOperationRequest } from "./restriction.ts";
import { type Failure, fail, notFound, type Result, transact } from "./result.ts";

/*
 * Erasure (GDPR Art. 17) on a customer's request, carried out as anonymisation (services/anonymise.ts). The
 * grounds that block it are checked in the same transaction as the change, so nothing can slip in between.
 */

/** The decision text the customer sees; fixed, so it carries no personal data past an erasure. */
const ERASURE_DECISION =
  "Tiedot on anonymisoitu pyyntösi mukaisesti. / Your data has been anonymised as you requested.";

/** Categories an erasure removes: every category but the orders, which stay (bookkeeping) without their person. */
type RemovableCategory = Exclude<DataCategoryId, "orders">;
const removableCategories = dataCategoryIds.filter((c): c is RemovableCategory => c !== "orders");

/** A refusal that names the grounds blocking the erasure, for staff to see what must be settled first. */
export type ErasureBlocked = Failure & { code: "erasure_blocked"; blockers: ErasureBlocker[] };

export const isErasureBlocked = (f: Failure): f is ErasureBlocked => f.code === "erasure_blocked" && "blockers" in f;

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

/** What blocks the erasure now and which categories it would remove; the look is audited. */
export function previewErasure(
  { db }: Pick<Deps, "db">,
  requestId: string,
  actor: StaffActor,
  now: number,
): Promise<
  Result<{ assessment: ErasureAssessment; removes: DataCategoryId[]; request: RequestView; customerId: string }>
> {
  return transact(db, async (tx) => {
    const row = await tx.select().from(requests).where(eq(requests.id, requestId)).get();
    if (row?.type !== "erasure") return notFound();
    const assessment = assessErasure(await gatherErasureFacts(tx, row.customerId, helsinkiDate(now)));
    const removes = await categoriesHeld(tx, row.customerId);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "erasure.previewed",
        customerId: row.customerId,
        detail: { requestId, blocked: assessment.blocked },
      }),
      now,
    );
    const request = await loadRequestView(tx, requestId);
    if (!request) return notFound();
    return { ok: true, assessment, removes, request, customerId: row.customerId };
  });
}

/**
 * Anonymises the customer of a pending erasure request and completes the request; the confirmation goes to the
 * address read before it was cleared. Refused with the blocking grounds (409 erasure_blocked) while one holds,
 * and 409 invalid_state once the request is decided or the record erased. `within`: the caller's transaction
 * (issue 14 D: the four-eyes check and an approval run the erasure in theirs, so it and its approval are one).
 */
export function executeErasure(
  { db, mail, env, outbox }: Pick<Deps, "db" | "mail" | "env" | "outbox">,
  requestId: string,
  actor: StaffActor,
  now: number,
  within?: Tx,
): Promise<Result<{ request: RequestView; suppressed: boolean }>> {
  type Done = Result<{ request: RequestView; suppressed: boolean }>;
  const run = (fn: (tx: Tx) => Promise<Done>) => (within ? fn(within) : transact(db, fn));
  return run(async (tx) => {
    const pending = await pendingOperationRequest(tx, requestId, "erasure");
    if (!pending.ok) return pending;
    const { row } = pending;
    const assessment = assessErasure(await gatherErasureFacts(tx, row.customerId, helsinkiDate(now)));
    if (assessment.blocked) {
      const blocked: ErasureBlocked = {
        ...fail(409, "erasure_blocked"),
        code: "erasure_blocked",
        blockers: assessment.blockers,
      };
      return blocked;
    }
    // The systems' own ids of the person go with the anonymisation; the erasure event still needs them.
    const externalIds = await externalIdsBySystem(tx, row.customerId);
    // So are the recorded sources, which Art. 19 tells of the erasure too.
    const sources = await recordedSources(tx, row.customerId);
    // The confirmation goes in the customer's language, read (with the request) before the erasure clears it.
    const locale = mailLanguage(pending.customer.language);
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
    return { ok: true, request, suppressed: result.suppressed };
  });
}
