import { helsinkiDate } from "@tietoni/domain";
import { and, eq, inArray } from "drizzle-orm";
import { forgetCustomerActions } from "../auth/customer-limits.ts";
import type { RunResult, Tx } from "../db/port.ts";
import {
  billingDetails,
  customerSessions,
  customerSignIns,
  customers,
  datumSources,
  downloads,
  emailChanges,
  emailChangeUndos,
  erasedEmails,
  externalIds,
  fieldChanges,
  inboundIssues,
  invoices,
  ipAddresses,
  marketingObjections,
  orders,
  organisationRoles,
  reauthenticationCodes,
  requestEvents,
  requests,
  signInCodes,
} from "../db/schema.ts";
import { type AuditActor, appendAudit } from "./audit.ts";
import { eraseTraces } from "./erase-traces.ts";
import { eraseCustomerOutbox } from "./outbox/outbox.ts";
import { addSuppression, suppressionHash } from "./suppression.ts";

export type AnonymiseOptions = {
  now: number;
  actor: AuditActor;
  /** Why: the customer's erasure request, or the notice's ten-year retention running out. */
  reason: "erasure" | "retention";
  suppressionKey: string;
  requestId?: string;
  ip?: string | null;
};

export type AnonymiseResult = {
  customerId: string;
  /** The address before it was cleared, so the caller can confirm by mail after the commit. */
  formerEmail: string | null;
  suppressed: boolean;
};

/**
 * Erasure as anonymisation (GDPR Art. 17, the notice's "oikeus tulla unohdetuksi"), inside the caller's
 * transaction so it happens whole or not at all. Personal fields are cleared and every row that only holds
 * personal data is deleted; orders and invoices stay for bookkeeping, cut loose from the person; the
 * marketing objections and their proof stay (they hold no personal data once the record is empty) and, if
 * any purpose was objected to, the address's keyed hash goes on the suppression list so a re-import does
 * not restart marketing. The caller checks beforehand that the customer exists, is not anonymised and
 * that no ground blocks erasure.
 */
export async function anonymiseCustomer(
  tx: Tx,
  customerId: string,
  options: AnonymiseOptions,
): Promise<AnonymiseResult> {
  const { now, actor, reason, suppressionKey } = options;
  const customer = await tx.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!customer) throw new Error(`anonymiseCustomer: no customer ${customerId}`);
  if (customer.anonymisedAt !== null) throw new Error(`anonymiseCustomer: ${customerId} is already anonymised`);

  const objected =
    (await tx
      .select({ purpose: marketingObjections.purpose })
      .from(marketingObjections)
      .where(and(eq(marketingObjections.customerId, customerId), eq(marketingObjections.objected, true)))
      .get()) !== undefined;
  const suppressed = objected && customer.email !== null;
  if (suppressed && customer.email !== null) await addSuppression(tx, suppressionKey, customer.email, now);

  const changed = async (statement: { run(): Promise<RunResult> }) => (await statement.run()).changes;
  // Rows that are personal data and nothing else: gone, not blanked.
  const removed = {
    organisationRoles: await changed(tx.delete(organisationRoles).where(eq(organisationRoles.customerId, customerId))),
    ipAddresses: await changed(tx.delete(ipAddresses).where(eq(ipAddresses.customerId, customerId))),
    datumSources: await changed(tx.delete(datumSources).where(eq(datumSources.customerId, customerId))),
    billingDetails: await changed(tx.delete(billingDetails).where(eq(billingDetails.customerId, customerId))),
    // Revokes every session and pending code: the record can no longer be signed in to.
    sessions: await changed(tx.delete(customerSessions).where(eq(customerSessions.customerId, customerId))),
    signInCodes: await changed(tx.delete(signInCodes).where(eq(signInCodes.customerId, customerId))),
    emailChanges: await changed(tx.delete(emailChanges).where(eq(emailChanges.customerId, customerId))),
    reauthenticationCodes: await changed(
      tx.delete(reauthenticationCodes).where(eq(reauthenticationCodes.customerId, customerId)),
    ),
    // Old and new addresses of past changes: an undo link of an erased record has nothing to put back.
    emailChangeUndos: await changed(tx.delete(emailChangeUndos).where(eq(emailChangeUndos.customerId, customerId))),
    signIns: await changed(tx.delete(customerSignIns).where(eq(customerSignIns.customerId, customerId))),
    // Old and new values of every change are personal data themselves.
    fieldChanges: await changed(tx.delete(fieldChanges).where(eq(fieldChanges.customerId, customerId))),
    downloads: await changed(tx.delete(downloads).where(eq(downloads.customerId, customerId))),
    // Issue 12: the connected systems' ids of the person (a later sync then finds no one to update) and what
    // their rows left on the desk (incoming values, possible duplicates) are personal data too.
    externalIds: await changed(
      tx.delete(externalIds).where(and(eq(externalIds.kind, "customer"), eq(externalIds.localId, customerId))),
    ),
    inboundIssues: await changed(tx.delete(inboundIssues).where(eq(inboundIssues.customerId, customerId))),
    // Issue 13: the bodies of every mail and event about the person, sent or not; the unsent never go. Before any
    // mail of this erasure is queued (the confirmation carries no customer id, so it is not caught here).
    outbox: await eraseCustomerOutbox(tx, customerId, now),
  };
  if (customer.email !== null) {
    // A later import of the same address is refused ("erased on <day>") unless a new relationship started after it;
    // only the keyed hash and the day are kept.
    await tx
      .insert(erasedEmails)
      .values({ emailHash: suppressionHash(suppressionKey, customer.email), erasedOn: helsinkiDate(now) })
      .onConflictDoUpdate({ target: erasedEmails.emailHash, set: { erasedOn: helsinkiDate(now) } });
  }
  // Issue 14 C: staff's free text about the person, the address's rate-limit counters, and the WAL after the commit.
  const traces = await eraseTraces(tx, customerId, { now, email: customer.email });

  // Per-customer action counts (auth/customer-limits.ts) are keyed by the customer's id.
  await forgetCustomerActions(tx, customerId);

  // Requests keep their type, dates and decisions (accountability); the customer's own words go.
  const customerRequests = tx.select({ id: requests.id }).from(requests).where(eq(requests.customerId, customerId));
  await tx
    .update(requests)
    .set({ text: "", correctionCurrent: null, correctionNew: null, correctionReason: null })
    .where(eq(requests.customerId, customerId));
  await tx.update(requestEvents).set({ note: null }).where(inArray(requestEvents.requestId, customerRequests));
  // Other pending requests have nobody left to answer: close them, so the desk does not chase them.
  const pending = await tx
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.customerId, customerId), inArray(requests.state, ["received", "inProgress", "extended"])));
  for (const r of pending.filter((p) => p.id !== options.requestId)) {
    await tx.update(requests).set({ state: "cancelled" }).where(eq(requests.id, r.id));
    await tx.insert(requestEvents).values({
      requestId: r.id,
      at: now,
      actorType: actor.type,
      actorId: actor.type === "system" ? null : actor.id,
      event: "closed_by_erasure",
    });
  }

  // Bookkeeping is kept (Accounting Act), without a link to the person it was about.
  const keptOrders = await changed(
    tx.update(orders).set({ customerId: null }).where(eq(orders.customerId, customerId)),
  );
  const keptInvoices = await changed(
    tx.update(invoices).set({ customerId: null }).where(eq(invoices.customerId, customerId)),
  );

  await tx
    .update(customers)
    .set({
      firstName: "",
      lastName: "",
      email: null,
      phone: null,
      street: null,
      postalCode: null,
      city: null,
      country: null,
      www: null,
      anonymisedAt: now,
    })
    .where(eq(customers.id, customerId));

  await appendAudit(
    tx,
    {
      actor,
      action: "customer.anonymised",
      customerId,
      detail: {
        reason,
        requestId: options.requestId ?? null,
        suppressed,
        removed,
        kept: { orders: keptOrders, invoices: keptInvoices },
        traces,
      },
      ip: options.ip ?? null,
    },
    now,
  );
  return { customerId, formerEmail: customer.email, suppressed };
}
