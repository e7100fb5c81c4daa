import {
  type IntegrationCustomersInput,
  type IntegrationCustomerView,
  type IntegrationPartsInput,
  type IntegrationRelationshipEndInput,
  type IntegrationSyncResult,
  type InterchangeInvoiceStatus,
  iso,
  type LegalHoldClearInput,
  type LegalHoldSetInput,
  legalHoldApplies,
  type RowOutcome,
  rowOutcomes,
} from "@tietoni/domain";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Queries } from "../db/port.ts";
import {
  customers,
  externalIds,
  invoices,
  legalHolds,
  marketingObjections,
  organisationRoles,
  organisations,
} from "../db/schema.ts";
import { appendAudit, byClient, type ClientActor } from "./audit.ts";
import type { InboundRow, IngestRun, RowResult } from "./ingest/contract.ts";
import { ingestRows } from "./ingest/ingest.ts";
import { clearLegalHold, type HoldActor, setLegalHold } from "./legal-holds.ts";
import type { Outbox } from "./outbox/outbox.ts";
import { fail, type Result, transact } from "./result.ts";

/*
 * The integration API's operations (issue 12). Record upserts go through the one ingest service (`ingestRows`), the
 * same code as the file import, with the same conflict rule and source recording; it writes the call's audit entry
 * (`integration.called`, the client as actor, the customers as subjects). What does not go through it is audited
 * here: a read of a customer, and legal holds (their own `legal_hold.*` entries name the client).
 */

type Deps = { db: Db; env: { suppressionKey: string }; outbox: Outbox };

const ingestRun = (client: ClientActor, now: number, suppressionKey: string): IngestRun => ({
  system: { id: client.systemId, name: client.systemName },
  channel: "api",
  actor: { type: "client", id: client.clientId },
  importId: null,
  receivedAt: now,
  suppressionKey,
});

function summary(externalIdsSent: readonly string[], results: readonly RowResult[]): IntegrationSyncResult {
  const counts = Object.fromEntries(rowOutcomes.map((o) => [o, 0])) as Record<RowOutcome, number>;
  const sorted = [...results].sort((a, b) => a.index - b.index);
  for (const r of sorted) counts[r.outcome] += 1;
  return {
    results: sorted.map((r) => ({
      index: r.index,
      externalId: externalIdsSent[r.index] ?? "",
      outcome: r.outcome,
      customerId: r.customerId,
      conflicts: r.conflicts.map((c) => c.field),
      ...(r.code ? { code: r.code } : {}),
    })),
    counts,
  };
}

/** The register's ids of the customers this system knows by these external ids. */
async function customerIdsOf(q: Queries, systemId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, string>();
  // Both engines' parameter limits (SQLite 32,766, PostgreSQL 65,535) are far above a call's 1,000 records.
  if (unique.length === 0) return found;
  const rows = await q
    .select({ externalId: externalIds.externalId, localId: externalIds.localId })
    .from(externalIds)
    .where(
      and(
        eq(externalIds.systemId, systemId),
        eq(externalIds.kind, "customer"),
        inArray(externalIds.externalId, unique),
      ),
    );
  for (const r of rows) found.set(r.externalId, r.localId);
  return found;
}

/** `POST /customers`: customers upserted by the system's external id. */
export async function syncCustomers(
  { db, env, outbox }: Deps,
  client: ClientActor,
  input: IntegrationCustomersInput,
  now: number,
): Promise<IntegrationSyncResult> {
  const rows: InboundRow[] = input.records.map((record, index) => ({
    index,
    key: { externalId: record.external_id },
    record,
  }));
  const results = await ingestRows({ db, outbox }, ingestRun(client, now, env.suppressionKey), rows, now);
  return summary(
    input.records.map((r) => r.external_id),
    results,
  );
}

/**
 * `POST /orders`, `/invoices`, `/objections`: parts of customers the system already sent. A record naming a customer
 * the system never sent is refused (`customer_unknown`); the others go to the ingest service.
 */
export async function syncCustomerParts(
  { db, env, outbox }: Deps,
  client: ClientActor,
  input: IntegrationPartsInput,
  now: number,
): Promise<IntegrationSyncResult> {
  const sent = input.records.map((r) => r.customer_external_id);
  const known = await customerIdsOf(db, client.systemId, sent);
  const rows: InboundRow[] = [];
  const unknown: RowResult[] = [];
  input.records.forEach(({ customer_external_id, ...parts }, index) => {
    if (known.has(customer_external_id)) rows.push({ index, key: { externalId: customer_external_id }, record: parts });
    else unknown.push({ index, outcome: "refused", customerId: null, conflicts: [], code: "customer_unknown" });
  });
  const results =
    rows.length > 0 ? await ingestRows({ db, outbox }, ingestRun(client, now, env.suppressionKey), rows, now) : [];
  return summary(sent, [...results, ...unknown]);
}

/** `POST /customers/{external_id}/relationship-end`: the recorded end of the relationship. */
export async function endRelationship(
  { db, env, outbox }: Deps,
  client: ClientActor,
  externalId: string,
  input: IntegrationRelationshipEndInput,
  now: number,
): Promise<Result<IntegrationSyncResult>> {
  if (!(await customerIdsOf(db, client.systemId, [externalId])).has(externalId)) return fail(404, "customer_unknown");
  const record = { relationship_end: input.date, ...(input.updated_at ? { updated_at: input.updated_at } : {}) };
  const results = await ingestRows(
    { db, outbox },
    ingestRun(client, now, env.suppressionKey),
    [{ index: 0, key: { externalId }, record }],
    now,
  );
  return { ok: true, ...summary([externalId], results) };
}

const holdActor = (client: ClientActor): HoldActor => ({
  audit: { actor: { type: "client", id: client.clientId }, ip: client.ip },
  type: "client",
  id: client.clientId,
});

/** `POST /customers/{external_id}/legal-holds`. */
export function setHoldForClient(
  { db }: Deps,
  client: ClientActor,
  externalId: string,
  input: LegalHoldSetInput,
  now: number,
): Promise<Result<{ holdId: string }>> {
  return transact(db, async (tx) => {
    const customerId = (await customerIdsOf(tx, client.systemId, [externalId])).get(externalId);
    if (customerId === undefined) return fail(404, "customer_unknown");
    return setLegalHold(tx, customerId, input, holdActor(client), now);
  });
}

/** `POST /customers/{external_id}/legal-holds/{id}/clear`: any hold of the customer, whoever set it. */
export function clearHoldForClient(
  { db }: Deps,
  client: ClientActor,
  externalId: string,
  holdId: string,
  input: LegalHoldClearInput,
  now: number,
): Promise<Result<{ holdId: string }>> {
  return transact(db, async (tx) => {
    const customerId = (await customerIdsOf(tx, client.systemId, [externalId])).get(externalId);
    if (customerId === undefined) return fail(404, "customer_unknown");
    return clearLegalHold(tx, customerId, holdId, input, holdActor(client), now);
  });
}

const interchangeStatus = (i: { status: string; inCollection: boolean }): InterchangeInvoiceStatus =>
  i.status === "open" && i.inCollection ? "in_collection" : (i.status as InterchangeInvoiceStatus);

/**
 * `GET /customers/{external_id}`: what the register holds for a customer this system knows, audited as the client's
 * read. A protected address is left out.
 */
export function readCustomerForClient(
  { db }: Deps,
  client: ClientActor,
  externalId: string,
  now: number,
): Promise<Result<{ view: IntegrationCustomerView }>> {
  return transact(db, async (tx) => {
    const customerId = (await customerIdsOf(tx, client.systemId, [externalId])).get(externalId);
    const c =
      customerId === undefined
        ? undefined
        : await tx.select().from(customers).where(eq(customers.id, customerId)).get();
    if (!c || c.anonymisedAt !== null) return fail(404, "customer_unknown");
    const roles = await tx
      .select({ role: organisationRoles, organisation: organisations })
      .from(organisationRoles)
      .innerJoin(organisations, eq(organisations.id, organisationRoles.organisationId))
      .where(eq(organisationRoles.customerId, c.id))
      .orderBy(asc(organisationRoles.startDate), sql`${organisationRoles}.rowid`);
    const sentInvoices = await tx
      .select({ invoice: invoices, externalId: externalIds.externalId })
      .from(invoices)
      .innerJoin(
        externalIds,
        and(
          eq(externalIds.systemId, client.systemId),
          eq(externalIds.kind, "invoice"),
          eq(externalIds.localId, invoices.id),
        ),
      )
      .where(eq(invoices.customerId, c.id))
      .orderBy(asc(invoices.issuedAt), asc(invoices.invoiceNumber));
    const objections = await tx
      .select({ purpose: marketingObjections.purpose })
      .from(marketingObjections)
      .where(and(eq(marketingObjections.customerId, c.id), eq(marketingObjections.objected, true)))
      .orderBy(asc(marketingObjections.purpose));
    const today = iso(now).slice(0, 10);
    const holds = (
      await tx
        .select()
        .from(legalHolds)
        .where(and(eq(legalHolds.customerId, c.id), isNull(legalHolds.clearedAt)))
        .orderBy(asc(legalHolds.setAt), sql`${legalHolds}.rowid`)
    ).filter((h) => legalHoldApplies(h, today));
    const address = c.addressProtected
      ? {}
      : { street: c.street, postal_code: c.postalCode, city: c.city, country: c.country };
    const view: IntegrationCustomerView = {
      external_id: externalId,
      customer_id: c.id,
      first_name: c.firstName,
      last_name: c.lastName,
      email: c.email,
      phone: c.phone,
      ...address,
      address_protected: c.addressProtected,
      www: c.www,
      language: c.language,
      relationship_start: c.relationshipStart,
      relationship_end: c.relationshipEnd,
      roles: roles.map(({ role, organisation }) => ({
        organisation: organisation.name,
        organisation_id: organisation.businessId,
        role: role.role === "contactPerson" ? "contact_person" : "representative",
        role_start: role.startDate,
        role_end: role.endDate,
      })),
      invoices: sentInvoices.map(({ invoice, externalId: id }) => ({
        external_id: id,
        invoice_number: invoice.invoiceNumber,
        status: interchangeStatus(invoice),
        due_on: invoice.dueAt,
        amount_cents: invoice.amountCents,
        currency: invoice.currency,
        collection_agency: invoice.collectionAgency,
        paid_on: invoice.paidAt,
        written_off_on: invoice.writtenOffOn,
      })),
      objections: objections.map((o) => o.purpose),
      legal_holds: holds.map((h) => ({ id: h.id, reference: h.reference, ends_on: h.endsOn })),
    };
    await appendAudit(
      tx,
      byClient(client, {
        action: "integration.called",
        customerId: c.id,
        detail: { operation: "customer.read", systemId: client.systemId, addressOmitted: c.addressProtected },
      }),
      now,
    );
    return { ok: true, view };
  });
}
