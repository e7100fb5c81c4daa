import { type DataCategoryId, helsinkiDate, marketingPurposes } from "@tietoni/domain";
import { and, eq, inArray, notInArray, or, sql } from "drizzle-orm";
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
import { type JournalKind, journalErasure } from "./backup/erasure-journal.ts";
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
  /**
   * Issue 15 F: how the erasure journal records this erasure (backup/erasure-journal.ts). By default "retention" for
   * a retention run, "partial" when something is kept, else "full"; a remainder says "remainder"; the start-up replay
   * says `false` (the entry it carries out is in the journal already).
   */
  journal?: JournalKind | false;
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
  return (await eraseCategories(tx, customerId, [], options)).result;
}

/** The customer's columns and field-history names of each category a partial erasure may clear. */
const fieldsOf: Partial<Record<DataCategoryId, string[]>> = {
  name: ["name", "firstName", "lastName"],
  email: ["email"],
  postalAddress: ["postalAddress", "street", "postalCode", "city", "country"],
  phone: ["phone"],
  www: ["www"],
};

/**
 * The one erasing path (issue 14 A). `keep` lists the categories some ground still needs linked to the person
 * (erasure-scope.ts `personallyKept`): empty, the record is anonymised whole as described above (and audited as
 * `customer.anonymised`); otherwise everything no ground covers goes — the uncovered categories, sign-in history,
 * sessions and codes, downloads, the field history and sources of erased fields, the outbox bodies, the customer's
 * own words in decided requests — the record stays (not anonymised), marketing stops (an objection to every
 * purpose: no ground covers marketing), and the caller audits the partial erasure with its grounds.
 */
export async function eraseCategories(
  tx: Tx,
  customerId: string,
  keep: readonly DataCategoryId[],
  options: AnonymiseOptions,
): Promise<{ result: AnonymiseResult; removed: Record<string, number> }> {
  const { now, actor, reason, suppressionKey } = options;
  const full = keep.length === 0;
  const erases = (category: DataCategoryId) => !keep.includes(category);
  const customer = await tx.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!customer) throw new Error(`eraseCategories: no customer ${customerId}`);
  if (customer.anonymisedAt !== null) throw new Error(`eraseCategories: ${customerId} is already anonymised`);
  // Issue 15 F: once committed, the erasure goes into the journal outside the database, so a restore of an older
  // backup carries it out again (backup/replay.ts). Synchronous in the hook: done before the caller hears "erased".
  const kind = options.journal ?? (reason === "retention" ? "retention" : full ? "full" : "partial");
  if (kind !== false) tx.afterCommit(() => journalErasure(customerId, { at: now, kind, kept: keep }));

  const objected =
    (await tx
      .select({ purpose: marketingObjections.purpose })
      .from(marketingObjections)
      .where(and(eq(marketingObjections.customerId, customerId), eq(marketingObjections.objected, true)))
      .get()) !== undefined;
  // As in a whole erasure: an address that objected is suppressed when it goes (the objections below come after).
  const suppressed = objected && customer.email !== null && erases("email");
  if (suppressed && customer.email !== null) await addSuppression(tx, suppressionKey, customer.email, now);

  const changed = async (statement: { run(): Promise<RunResult> }) => (await statement.run()).changes;
  /** A statement that runs only when its category is erased (always, for a whole erasure). */
  const changedIf = (category: DataCategoryId, statement: { run(): Promise<RunResult> }) =>
    erases(category) ? changed(statement) : Promise.resolve(0);
  const erasedFields = Object.entries(fieldsOf)
    .filter(([category]) => erases(category as DataCategoryId))
    .flatMap(([, fields]) => fields);
  // Rows that are personal data and nothing else: gone, not blanked.
  const removed: Record<string, number> = {
    organisationRoles: await changedIf(
      "organisation",
      tx.delete(organisationRoles).where(eq(organisationRoles.customerId, customerId)),
    ),
    ipAddresses: await changedIf("ipAddress", tx.delete(ipAddresses).where(eq(ipAddresses.customerId, customerId))),
    // Where each erased datum came from goes with it; the sources of kept data stay (Art. 14/15 still apply).
    datumSources: await changed(
      tx
        .delete(datumSources)
        .where(
          and(
            eq(datumSources.customerId, customerId),
            full ? sql`1 = 1` : notInArray(datumSources.category, [...keep]),
          ),
        ),
    ),
    billingDetails: await changedIf(
      "billing",
      tx.delete(billingDetails).where(eq(billingDetails.customerId, customerId)),
    ),
    // Revokes every session and pending code: the record can no longer be signed in to.
    sessions: await changed(tx.delete(customerSessions).where(eq(customerSessions.customerId, customerId))),
    signInCodes: await changed(tx.delete(signInCodes).where(eq(signInCodes.customerId, customerId))),
    emailChanges: await changedIf("email", tx.delete(emailChanges).where(eq(emailChanges.customerId, customerId))),
    reauthenticationCodes: await changed(
      tx.delete(reauthenticationCodes).where(eq(reauthenticationCodes.customerId, customerId)),
    ),
    // Old and new addresses of past changes: an undo link of an erased record has nothing to put back.
    emailChangeUndos: await changedIf(
      "email",
      tx.delete(emailChangeUndos).where(eq(emailChangeUndos.customerId, customerId)),
    ),
    signIns: await changed(tx.delete(customerSignIns).where(eq(customerSignIns.customerId, customerId))),
    // Old and new values of every change are personal data themselves: the history of each erased field goes.
    fieldChanges: await changed(
      tx
        .delete(fieldChanges)
        .where(
          and(
            eq(fieldChanges.customerId, customerId),
            full ? sql`1 = 1` : inArray(fieldChanges.field, erasedFields.length > 0 ? erasedFields : [""]),
          ),
        ),
    ),
    downloads: await changed(tx.delete(downloads).where(eq(downloads.customerId, customerId))),
    // Issue 12: the connected systems' ids of the person (a later sync then finds no one to update) and what
    // their rows left on the desk (incoming values, possible duplicates) are personal data too.
    // A partial erasure keeps them: the systems still hold the kept record (the remainder's erasure drops them).
    externalIds: full
      ? await changed(
          tx.delete(externalIds).where(and(eq(externalIds.kind, "customer"), eq(externalIds.localId, customerId))),
        )
      : 0,
    inboundIssues: await changed(tx.delete(inboundIssues).where(eq(inboundIssues.customerId, customerId))),
    // Issue 13: the bodies of every mail and event about the person, sent or not; the unsent never go. Before any
    // mail of this erasure is queued (the confirmation carries no customer id, so it is not caught here).
    outbox: await eraseCustomerOutbox(tx, customerId, now),
  };
  if (customer.email !== null && erases("email")) {
    // A later import of the same address is refused ("erased on <day>") unless a new relationship started after it;
    // only the keyed hash and the day are kept.
    await tx
      .insert(erasedEmails)
      .values({ emailHash: suppressionHash(suppressionKey, customer.email), erasedOn: helsinkiDate(now) })
      .onConflictDoUpdate({ target: erasedEmails.emailHash, set: { erasedOn: helsinkiDate(now) } });
  }
  // Issue 14 C: staff's free text about the person, the address's rate-limit counters (when the address goes), and
  // the WAL after the commit.
  const traces = await eraseTraces(tx, customerId, { now, email: erases("email") ? customer.email : null });

  // Per-customer action counts (auth/customer-limits.ts) are keyed by the customer's id.
  await forgetCustomerActions(tx, customerId);

  if (!full) {
    // The kept record is no longer anyone's to market to: no ground covers marketing.
    for (const purpose of marketingPurposes) {
      await tx
        .insert(marketingObjections)
        .values({ customerId, purpose, objected: true, updatedAt: now })
        .onConflictDoUpdate({
          target: [marketingObjections.customerId, marketingObjections.purpose],
          set: { objected: true, updatedAt: now },
        });
    }
    // The customer's words in decided requests and this one go; a pending request still needs its text answered.
    const decided = tx
      .select({ id: requests.id })
      .from(requests)
      .where(
        and(eq(requests.customerId, customerId), notInArray(requests.state, ["received", "inProgress", "extended"])),
      );
    await tx
      .update(requests)
      .set({ text: "", correctionCurrent: null, correctionNew: null, correctionReason: null })
      .where(or(inArray(requests.id, decided), eq(requests.id, options.requestId ?? "")));
    await tx
      .update(customers)
      .set({
        ...(erases("name") ? { firstName: "", lastName: "" } : {}),
        ...(erases("email") ? { email: null } : {}),
        ...(erases("phone") ? { phone: null } : {}),
        ...(erases("postalAddress") ? { street: null, postalCode: null, city: null, country: null } : {}),
        ...(erases("www") ? { www: null } : {}),
      })
      .where(eq(customers.id, customerId));
    // Orders no personal ground keeps stay for bookkeeping, cut loose from the person.
    if (erases("orders")) {
      removed.orders = await changed(
        tx.update(orders).set({ customerId: null }).where(eq(orders.customerId, customerId)),
      );
      removed.invoices = await changed(
        tx.update(invoices).set({ customerId: null }).where(eq(invoices.customerId, customerId)),
      );
    }
    return {
      result: { customerId, formerEmail: customer.email, suppressed },
      removed,
    };
  }

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
  return { result: { customerId, formerEmail: customer.email, suppressed }, removed };
}
