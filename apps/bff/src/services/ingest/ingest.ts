import { iso, type RowOutcome } from "@tietoni/domain";
import { and, eq } from "drizzle-orm";
import { randomToken } from "../../auth/tokens.ts";
import type { Db, Tx } from "../../db/port.ts";
import {
  customers,
  externalIds,
  invoices,
  marketingEvents,
  marketingObjections,
  orderLines,
  orders,
} from "../../db/schema.ts";
import { appendAudit } from "../audit.ts";
import type { InboundRow, IngestOptions, IngestRun, RowResult } from "./contract.ts";

/*
 * TEMPORARY — a stand-in for helper A's ingest service, only so that the integration API's tests (helper C2) run in
 * this branch. It does the simple part honestly: a new customer with its external id, an existing one left
 * "unchanged" (no conflict rule, no field updates but the relationship end), orders and invoices upserted by their
 * external ids, objections added only, one audit entry per call. The lead replaces this file with A's at merge.
 */

async function localId(tx: Tx, systemId: string, kind: "customer" | "order" | "invoice", externalId: string) {
  const row = await tx
    .select({ localId: externalIds.localId })
    .from(externalIds)
    .where(and(eq(externalIds.systemId, systemId), eq(externalIds.kind, kind), eq(externalIds.externalId, externalId)))
    .get();
  return row?.localId ?? null;
}

function refused(row: InboundRow, code: RowResult["code"]): RowResult {
  return { index: row.index, outcome: "refused", customerId: null, conflicts: [], code };
}

export async function ingestRows(
  db: Db,
  run: IngestRun,
  rows: InboundRow[],
  now: number,
  options: IngestOptions = {},
): Promise<RowResult[]> {
  if (options.dryRun) throw new Error("the temporary ingest has no dry run");
  const systemId = run.system.id;
  const map = async (tx: Tx, kind: "customer" | "order" | "invoice", externalId: string, id: string) =>
    tx.insert(externalIds).values({ systemId, kind, externalId, localId: id, createdAt: now });
  return db.transaction(async (tx) => {
    const results: RowResult[] = [];
    for (const row of rows) {
      if (!("externalId" in row.key)) {
        results.push(refused(row, "not_found"));
        continue;
      }
      const { record } = row;
      let customerId = await localId(tx, systemId, "customer", row.key.externalId);
      let outcome: RowOutcome = "unchanged";
      if (customerId === null) {
        if (!record.first_name || !record.last_name) {
          results.push(refused(row, "customer_unknown"));
          continue;
        }
        const email = record.email?.toLowerCase() ?? null;
        if (email && (await tx.select().from(customers).where(eq(customers.email, email)).get())) {
          results.push({ index: row.index, outcome: "duplicate", customerId: null, conflicts: [], code: null });
          continue;
        }
        customerId = randomToken();
        await tx.insert(customers).values({
          id: customerId,
          firstName: record.first_name,
          lastName: record.last_name,
          email,
          phone: record.phone ?? null,
          street: record.street ?? null,
          postalCode: record.postal_code ?? null,
          city: record.city ?? null,
          country: record.country ?? null,
          www: record.www ?? null,
          language: record.language ?? null,
          relationshipStart: record.relationship_start ?? iso(now).slice(0, 10),
          relationshipEnd: record.relationship_end ?? null,
          createdAt: now,
          dataAsOf: now,
        });
        await map(tx, "customer", row.key.externalId, customerId);
        outcome = "new";
      } else if (record.relationship_end !== undefined) {
        const current = await tx.select().from(customers).where(eq(customers.id, customerId)).get();
        if (current?.relationshipEnd !== record.relationship_end) {
          await tx
            .update(customers)
            .set({ relationshipEnd: record.relationship_end })
            .where(eq(customers.id, customerId));
          outcome = "changed";
        }
      }
      const touched = () => {
        if (outcome === "unchanged") outcome = "changed";
      };
      for (const order of record.orders ?? []) {
        if ((await localId(tx, systemId, "order", order.external_id)) !== null) continue;
        const orderId = randomToken();
        await tx.insert(orders).values({
          id: orderId,
          customerId,
          orderNumber: order.order_number,
          orderedAt: Date.parse(order.ordered_at),
          status: order.status,
          totalCents: order.total_cents,
          currency: order.currency,
        });
        for (const line of order.lines) {
          await tx.insert(orderLines).values({
            orderId,
            lineNo: line.line_no,
            product: line.product,
            quantity: line.quantity,
            unitPriceCents: line.unit_price_cents,
          });
        }
        await map(tx, "order", order.external_id, orderId);
        touched();
      }
      for (const invoice of record.invoices ?? []) {
        const state = {
          status: invoice.status === "in_collection" ? ("open" as const) : invoice.status,
          inCollection: invoice.status === "in_collection",
          collectionAgency: invoice.status === "in_collection" ? (invoice.collection_agency ?? null) : null,
          paidAt: invoice.paid_on ?? null,
          writtenOffOn: invoice.written_off_on ?? null,
          statusChangedAt: invoice.status_changed_at ? Date.parse(invoice.status_changed_at) : now,
        };
        const invoiceId = await localId(tx, systemId, "invoice", invoice.external_id);
        if (invoiceId === null) {
          const id = randomToken();
          const orderId = invoice.order_external_id
            ? await localId(tx, systemId, "order", invoice.order_external_id)
            : null;
          await tx.insert(invoices).values({
            id,
            customerId,
            orderId,
            invoiceNumber: invoice.invoice_number,
            issuedAt: invoice.issued_on,
            dueAt: invoice.due_on,
            amountCents: invoice.amount_cents,
            currency: invoice.currency,
            ...state,
          });
          await map(tx, "invoice", invoice.external_id, id);
          touched();
          continue;
        }
        const current = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).get();
        if (current && (current.statusChangedAt ?? 0) < state.statusChangedAt) {
          await tx.update(invoices).set(state).where(eq(invoices.id, invoiceId));
          touched();
        }
      }
      for (const objection of record.objections ?? []) {
        const current = await tx
          .select()
          .from(marketingObjections)
          .where(
            and(eq(marketingObjections.customerId, customerId), eq(marketingObjections.purpose, objection.purpose)),
          )
          .get();
        if (current?.objected) continue;
        await tx
          .insert(marketingObjections)
          .values({ customerId, purpose: objection.purpose, objected: true, updatedAt: now })
          .onConflictDoUpdate({
            target: [marketingObjections.customerId, marketingObjections.purpose],
            set: { objected: true, updatedAt: now },
          });
        await tx.insert(marketingEvents).values({
          customerId,
          purpose: objection.purpose,
          fromObjected: false,
          toObjected: true,
          at: now,
          channel: run.channel === "api" ? "api" : "import",
          actorId: run.actor.type === "system" ? null : run.actor.id,
          systemId,
        });
        touched();
      }
      results.push({ index: row.index, outcome, customerId, conflicts: [], code: null });
    }
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    await appendAudit(
      tx,
      {
        actor: run.actor,
        action: run.channel === "api" ? "integration.called" : "import.batch_applied",
        subjects: results.flatMap((r) => (r.customerId ? [r.customerId] : [])),
        detail: { counts, systemId, importId: run.importId },
      },
      now,
    );
    return results;
  });
}
