import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import {
  type ChangeAuthor,
  type CustomerEvent,
  changeAuthorOf,
  type DataCategoryId,
  decideField,
  type ErrorCode,
  type InterchangeInvoice,
  type InterchangeOrder,
  invoiceStatusColumns,
  type MarketingPurpose,
  marketingPurposes,
  type RowOutcome,
  type SourceId,
  sourceIds,
} from "@tietoni/domain";
import { and, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import { jsonInsert, jsonValues } from "../../db/dialect.ts";
import type { Tx } from "../../db/port.ts";
import {
  billingDetails,
  connectedSystems,
  customers,
  datumSources,
  erasedEmails,
  externalIds,
  fieldChanges,
  inboundIssues,
  invoices,
  marketingEvents,
  marketingObjections,
  orderLines,
  orders,
  organisationRoles,
  organisations,
  restrictions,
} from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { appendAudit } from "../audit.ts";
import { emitCustomerEvents } from "../outbox/events.ts";
import { suppressedAmong, suppressionHash } from "../suppression.ts";
import type { FieldConflict, InboundRow, IngestOptions, IngestRun, RowResult } from "./contract.ts";
import {
  addressLine,
  type BillingColumns,
  type CustomerColumns,
  categoryOfField,
  completeAddress,
  currentDisplay,
  dayOf,
  type FieldValue,
  historyNamesOf,
  incomingFields,
  type OrganisationValue,
  organisationLine,
} from "./fields.ts";

/*
 * The one ingest service (issue 12): every inbound path (file import, update-service file, integration API) hands
 * its validated records here. One call = one write transaction = one audit entry; callers batch (IMPORT_BATCH_ROWS,
 * 500 by default). Keys, e-mail owners, erased and suppressed hashes, history and the rows a batch touches are
 * read with a few set-based queries per batch; new customers and what they bring are written at the end of the
 * batch with one `INSERT … SELECT` from one JSON parameter per table (bench P8: the import keeps up with a raw
 * insert).
 * Changes to stored customers are written as each row is decided, after the pending inserts are flushed, so a
 * later row of the same batch sees what an earlier one did.
 */

class DryRun extends Error {
  constructor(readonly results: RowResult[]) {
    super("dry run");
  }
}

type StoredCustomer = CustomerColumns & {
  id: string;
  anonymisedAt: number | null;
  dataAsOf: number | null;
  createdAt: number;
};
type StoredBilling = {
  billingName: string;
  street: string;
  postalCode: string;
  city: string;
  eInvoiceAddress: string | null;
};
type StoredRole = {
  id: string;
  organisationId: string;
  name: string;
  businessId: string | null;
  role: "representative" | "contactPerson";
  start: string;
  end: string | null;
};
type Org = { id: string; name: string; businessId: string | null };

/** Where a batch's events go: the outbox, in the batch's transaction (issue 13). */
export type IngestDeps = Pick<Deps, "db" | "outbox">;

/**
 * Applies `rows` in one write transaction and answers one result per row, in order. The connected systems hear of
 * each customer the batch created or changed (one `customer.upserted` per customer, one
 * `customer.marketing_objections_changed` per customer whose objections grew), never the system that sent them.
 */
export async function ingestRows(
  { db, outbox }: IngestDeps,
  run: IngestRun,
  rows: InboundRow[],
  now: number,
  options: IngestOptions = {},
): Promise<RowResult[]> {
  if (rows.length === 0) return [];
  try {
    return await db.transaction(async (tx) => {
      const batch = new Batch(tx, run, now);
      const results = await batch.apply(rows);
      // The dry run rolls back its events with everything else.
      await emitCustomerEvents(tx, { outbox, now: () => now }, batch.events());
      // The dry run decides everything an applied run would, then leaves no trace (not even the audit entry).
      if (options.dryRun) throw new DryRun(results);
      const counts = Object.fromEntries(
        (["new", "changed", "unchanged", "conflict", "duplicate", "erased", "refused"] as RowOutcome[]).map((o) => [
          o,
          results.filter((r) => r.outcome === o).length,
        ]),
      );
      await appendAudit(
        tx,
        {
          actor: run.actor,
          action: run.channel === "api" ? "integration.called" : "import.batch_applied",
          subjects: [...batch.touched],
          detail: { systemId: run.system.id, importId: run.importId, channel: run.channel, rows: rows.length, counts },
        },
        now,
      );
      return results;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.results;
    throw error;
  }
}

const json = (values: readonly unknown[]) => JSON.stringify(values);

/** A batch's new rows of one table in one statement of constant text (db/dialect.ts jsonInsert). */
async function bulkInsert(tx: Tx, table: string, columns: readonly string[], rows: readonly unknown[][]) {
  if (rows.length === 0) return;
  await tx.exec(jsonInsert(tx, table, columns, rows));
}

class Batch {
  readonly touched = new Set<string>();
  /** Per customer the batch created or changed: the categories changed, and whether its objections grew. */
  private readonly changes = new Map<string, { categories: Set<DataCategoryId>; objections: boolean }>();
  private readonly today: string;
  private readonly marketingChannel: "import" | "api";
  private source: SourceId = "partnerDigital";
  // What the batch knows, kept current as rows apply.
  private readonly keyToCustomer = new Map<string, string>();
  private readonly customersById = new Map<string, StoredCustomer>();
  private readonly emailOwner = new Map<string, string>();
  private readonly systemsOf = new Map<string, string[]>();
  private readonly erased = new Map<string, string>();
  /** Customers whose processing is restricted now (Art. 18): their stored data is kept as it is. */
  private readonly restricted = new Set<string>();
  private readonly suppressed = new Set<string>();
  private readonly lastChange = new Map<string, { at: number; by: ChangeAuthor }>();
  private readonly billingOf = new Map<string, StoredBilling>();
  private readonly rolesOf = new Map<string, StoredRole[]>();
  private readonly noted = new Set<string>();
  private readonly objected = new Map<string, Set<MarketingPurpose>>();
  private readonly orderByExt = new Map<string, string>();
  private readonly invoiceByExt = new Map<string, string>();
  private readonly orderNumbers = new Map<string, { id: string; customerId: string | null }>();
  private readonly invoiceNumbers = new Map<
    string,
    { id: string; customerId: string | null; statusChangedAt: number | null }
  >();
  private readonly orgByBusinessId = new Map<string, Org>();
  private readonly orgByName = new Map<string, Org>();
  private readonly hashOf = new Map<string, string>();
  private readonly dayCache = new Map<number, string>();
  // New rows, written together at the next flush.
  private pending = Batch.emptyPending();

  constructor(
    private readonly tx: Tx,
    private readonly run: IngestRun,
    private readonly now: number,
  ) {
    this.today = dayOf(now);
    this.marketingChannel = run.channel === "api" ? "api" : "import";
  }

  private static emptyPending() {
    return {
      organisations: [] as unknown[][],
      customers: [] as unknown[][],
      externalIds: [] as unknown[][],
      billing: [] as unknown[][],
      roles: [] as unknown[][],
      sources: [] as unknown[][],
      orders: [] as unknown[][],
      lines: [] as unknown[][],
      invoices: [] as unknown[][],
      objections: [] as unknown[][],
      events: [] as unknown[][],
      size: 0,
    };
  }

  // Ids as random as randomToken's (15 bytes, base32), drawn from one buffer a batch: a million records need
  // four million ids, and one call to the random source each was a tenth of the import's time (bench P8).
  private idBytes = new Uint8Array(0);
  private idAt = 0;
  private newId(): string {
    if (this.idAt + 15 > this.idBytes.length) {
      this.idBytes = new Uint8Array(15 * 1024);
      crypto.getRandomValues(this.idBytes);
      this.idAt = 0;
    }
    this.idAt += 15;
    return encodeBase32LowerCaseNoPadding(this.idBytes.subarray(this.idAt - 15, this.idAt));
  }

  private day(ms: number) {
    let d = this.dayCache.get(ms);
    if (d === undefined) {
      d = dayOf(ms);
      this.dayCache.set(ms, d);
    }
    return d;
  }

  private changed(customerId: string) {
    let c = this.changes.get(customerId);
    if (!c) {
      c = { categories: new Set(), objections: false };
      this.changes.set(customerId, c);
    }
    return c;
  }

  /** The batch's events, one per customer and kind, all marked as coming from the ingesting system. */
  events(): CustomerEvent[] {
    const sourceSystemId = this.run.system.id;
    const out: CustomerEvent[] = [];
    for (const [customerId, c] of this.changes) {
      if (c.categories.size > 0) {
        out.push({ type: "customer.upserted", customerId, sourceSystemId, categories: [...c.categories] });
      }
      if (c.objections) out.push({ type: "customer.marketing_objections_changed", customerId, sourceSystemId });
    }
    return out;
  }

  private actorId() {
    return this.run.actor.type === "system" ? null : this.run.actor.id;
  }

  async apply(rows: InboundRow[]): Promise<RowResult[]> {
    await this.preload(rows);
    const results: RowResult[] = [];
    for (const row of rows) results.push(await this.applyRow(row));
    await this.flush();
    return results;
  }

  /* ---- Set-based look-ups of everything a batch can touch ---- */

  private async preload(rows: InboundRow[]) {
    const { tx, run } = this;
    const system = await tx
      .select({ kind: connectedSystems.noticePartyKind, party: connectedSystems.noticePartyId })
      .from(connectedSystems)
      .where(eq(connectedSystems.id, run.system.id))
      .get();
    if (!system) throw new Error(`ingestRows: no connected system ${run.system.id}`);
    // A source system's data is recorded under its source of the notice. A system registered as a recipient that
    // sends data anyway is the notice's partners' digital channels; an update service is always an update service.
    if (system.kind === "source" && (sourceIds as readonly string[]).includes(system.party))
      this.source = system.party as SourceId;
    else if (run.channel === "updateService") this.source = "updateService";

    const extKeys: string[] = [];
    const idKeys: string[] = [];
    const emails = new Set<string>();
    const orderExt: string[] = [];
    const invoiceExt: string[] = [];
    const orderNos: string[] = [];
    const invoiceNos: string[] = [];
    const businessIds: string[] = [];
    const orgNames: string[] = [];
    for (const { key, record } of rows) {
      if ("externalId" in key) extKeys.push(key.externalId);
      else idKeys.push(key.customerId);
      if (typeof record.email === "string") emails.add(record.email.trim().toLowerCase());
      for (const o of record.orders ?? []) {
        orderExt.push(o.external_id);
        orderNos.push(o.order_number);
      }
      for (const i of record.invoices ?? []) {
        invoiceExt.push(i.external_id);
        invoiceNos.push(i.invoice_number);
      }
      if (record.organisation) {
        orgNames.push(record.organisation);
        if (record.organisation_id) businessIds.push(record.organisation_id);
      }
    }

    for (const r of await tx.rows<{ e: string; id: string }>(
      sql`SELECT external_id AS e, local_id AS id FROM ${externalIds}
          WHERE system_id = ${run.system.id} AND kind = 'customer' AND external_id IN (${jsonValues(tx, json(extKeys))})`,
    ))
      this.keyToCustomer.set(r.e, r.id);
    const ids = [...new Set([...this.keyToCustomer.values(), ...idKeys])];
    // camelCase aliases are quoted: PostgreSQL folds an unquoted name to lower case.
    const stored = await tx.rows<Omit<StoredCustomer, "addressProtected"> & { addressProtected: number }>(
      sql`SELECT id, first_name AS "firstName", last_name AS "lastName", email, phone, www, street,
                 postal_code AS "postalCode", city, country, language, address_protected AS "addressProtected",
                 relationship_start AS "relationshipStart", relationship_end AS "relationshipEnd",
                 anonymised_at AS "anonymisedAt", data_as_of AS "dataAsOf", created_at AS "createdAt"
          FROM ${customers} WHERE id IN (${jsonValues(tx, json(ids))})`,
    );
    for (const c of stored) this.customersById.set(c.id, { ...c, addressProtected: Boolean(c.addressProtected) });
    const storedIds = json(stored.map((c) => c.id));

    for (const r of await tx.rows<{ id: string; email: string }>(
      sql`SELECT id, email FROM ${customers} WHERE email IN (${jsonValues(tx, json([...emails]))})`,
    ))
      this.emailOwner.set(r.email, r.id);
    for (const c of stored) if (c.email !== null) this.emailOwner.set(c.email, c.id);
    const owners = json([...new Set(this.emailOwner.values())]);
    for (const r of await tx.rows<{ id: string; name: string }>(
      sql`SELECT x.local_id AS id, s.name AS name FROM ${externalIds} x JOIN ${connectedSystems} s ON s.id = x.system_id
          WHERE x.kind = 'customer' AND x.local_id IN (${jsonValues(tx, owners)})`,
    ))
      this.systemsOf.set(r.id, [...(this.systemsOf.get(r.id) ?? []), r.name]);

    // Keyed hashes of the incoming addresses: erased customers' and the suppression list's.
    for (const e of emails) this.hashOf.set(e, suppressionHash(run.suppressionKey, e));
    const hashes = [...this.hashOf.values()];
    for (const r of await tx.rows<{ h: string; d: string }>(
      sql`SELECT email_hash AS h, erased_on AS d FROM ${erasedEmails} WHERE email_hash IN (${jsonValues(tx, json(hashes))})`,
    ))
      this.erased.set(r.h, r.d);
    for (const h of await suppressedAmong(tx, hashes)) this.suppressed.add(h);

    // Each field's last change: the latest history row of the field, the later written of two at the same moment
    // (a window, not SQLite's bare columns beside max(), which PostgreSQL refuses).
    for (const r of await tx.rows<{ c: string; f: string; t: number; a: string; s: string | null }>(
      sql`SELECT c, f, t, a, s FROM (
            SELECT customer_id AS c, field AS f, coalesce(source_at, at) AS t, actor_type AS a, source_system_id AS s,
                   row_number() OVER (PARTITION BY customer_id, field
                                      ORDER BY coalesce(source_at, at) DESC, id DESC) AS n
            FROM ${fieldChanges} WHERE customer_id IN (${jsonValues(tx, storedIds)})) AS latest
          WHERE n = 1`,
    ))
      this.lastChange.set(`${r.c}:${r.f}`, { at: r.t, by: changeAuthorOf(r.a, r.s) });

    for (const b of await tx
      .select()
      .from(billingDetails)
      .where(sql`${billingDetails.customerId} IN (${jsonValues(tx, json(ids))})`))
      this.billingOf.set(b.customerId, b);
    for (const r of await tx.rows<StoredRole & { customerId: string }>(
      sql`SELECT r.id, r.customer_id AS "customerId", r.organisation_id AS "organisationId", o.name,
                 o.business_id AS "businessId",
                 r.role, r.start_date AS start, r.end_date AS "end"
          FROM ${organisationRoles} r JOIN ${organisations} o ON o.id = r.organisation_id
          WHERE r.customer_id IN (${jsonValues(tx, storedIds)}) ORDER BY r.start_date, r.rowid`,
    ))
      this.rolesOf.set(r.customerId, [...(this.rolesOf.get(r.customerId) ?? []), r]);
    for (const r of await tx.rows<{ c: string; k: string }>(
      sql`SELECT DISTINCT customer_id AS c, category AS k FROM ${datumSources}
          WHERE system_id = ${run.system.id} AND customer_id IN (${jsonValues(tx, storedIds)})`,
    ))
      this.noted.add(`${r.c}:${r.k}`);
    for (const r of await tx.rows<{ c: string }>(
      sql`SELECT customer_id AS c FROM ${restrictions}
          WHERE lifted_at IS NULL AND customer_id IN (${jsonValues(tx, storedIds)})`,
    ))
      this.restricted.add(r.c);
    for (const r of await tx.rows<{ c: string; p: MarketingPurpose }>(
      sql`SELECT customer_id AS c, purpose AS p FROM ${marketingObjections}
          WHERE objected = 1 AND customer_id IN (${jsonValues(tx, storedIds)})`,
    ))
      this.objectedOf(r.c).add(r.p);

    for (const r of await tx.rows<{ k: string; e: string; id: string }>(
      sql`SELECT kind AS k, external_id AS e, local_id AS id FROM ${externalIds}
          WHERE system_id = ${run.system.id} AND ((kind = 'order' AND external_id IN (${jsonValues(tx, json(orderExt))}))
             OR (kind = 'invoice' AND external_id IN (${jsonValues(tx, json(invoiceExt))})))`,
    ))
      (r.k === "order" ? this.orderByExt : this.invoiceByExt).set(r.e, r.id);
    for (const r of await tx.rows<{ n: string; id: string; c: string | null }>(
      sql`SELECT order_number AS n, id, customer_id AS c FROM ${orders} WHERE order_number IN (${jsonValues(tx, json(orderNos))})`,
    ))
      this.orderNumbers.set(r.n, { id: r.id, customerId: r.c });
    for (const r of await tx.rows<{ n: string; id: string; c: string | null; t: number | null }>(
      sql`SELECT invoice_number AS n, id, customer_id AS c, status_changed_at AS t FROM ${invoices}
          WHERE invoice_number IN (${jsonValues(tx, json(invoiceNos))})`,
    ))
      this.invoiceNumbers.set(r.n, { id: r.id, customerId: r.c, statusChangedAt: r.t });
    for (const r of await tx.rows<Org>(
      sql`SELECT id, name, business_id AS "businessId" FROM ${organisations}
          WHERE business_id IN (${jsonValues(tx, json(businessIds))}) OR name IN (${jsonValues(tx, json(orgNames))})`,
    )) {
      if (r.businessId) this.orgByBusinessId.set(r.businessId, r);
      if (!this.orgByName.has(r.name)) this.orgByName.set(r.name, r);
    }
  }

  /** One stored customer and the organisation a value names, for the desk's "apply" of a kept value. */
  async loadOne(customerId: string, organisation: OrganisationValue): Promise<boolean> {
    const record = organisation ? { organisation: organisation.name, organisation_id: organisation.businessId } : {};
    await this.preload([{ index: 0, key: { customerId }, record }]);
    const c = this.customersById.get(customerId);
    return c !== undefined && c.anonymisedAt === null;
  }

  private objectedOf(customerId: string) {
    let set = this.objected.get(customerId);
    if (!set) {
      set = new Set();
      this.objected.set(customerId, set);
    }
    return set;
  }

  /* ---- One row ---- */

  private result(
    row: InboundRow,
    outcome: RowOutcome,
    customerId: string | null,
    code: ErrorCode | null = null,
    params?: Record<string, string>,
    conflicts: FieldConflict[] = [],
  ): RowResult {
    return { index: row.index, outcome, customerId, conflicts, code, ...(params ? { params } : {}) };
  }

  private async issue(
    row: InboundRow,
    values: Partial<typeof inboundIssues.$inferInsert> & { kind: (typeof inboundIssues.$inferInsert)["kind"] },
  ) {
    await this.tx.insert(inboundIssues).values({
      systemId: this.run.system.id,
      channel: this.run.channel,
      importId: this.run.importId,
      line: row.index,
      externalId: "externalId" in row.key ? row.key.externalId : null,
      createdAt: this.now,
      ...values,
    });
  }

  private async refuse(row: InboundRow, code: ErrorCode, customerId: string | null = null): Promise<RowResult> {
    await this.issue(row, { kind: "refused", code, customerId });
    return this.result(row, "refused", null, code);
  }

  private async applyRow(row: InboundRow): Promise<RowResult> {
    const { record } = row;
    const recordAt = record.updated_at ? Date.parse(record.updated_at) : this.run.receivedAt;
    const customerId = "externalId" in row.key ? this.keyToCustomer.get(row.key.externalId) : row.key.customerId;
    const stored = customerId === undefined ? undefined : this.customersById.get(customerId);
    if ("customerId" in row.key && (!stored || stored.anonymisedAt !== null)) return this.refuse(row, "not_found");
    // Art. 18: while processing is restricted the data is only stored. A connected system's update is processing, so
    // the row is refused (the system sends it again once the restriction is lifted; staff see it in the report).
    if (stored && this.restricted.has(stored.id)) return this.refuse(row, "customer_restricted", stored.id);

    // E-mail: never merged into another customer silently; an erased customer's address is refused.
    const email = typeof record.email === "string" ? record.email.trim().toLowerCase() : null;
    if (email !== null && email !== stored?.email) {
      const owner = this.emailOwner.get(email);
      if (owner !== undefined && owner !== customerId) {
        const systems = this.systemsOf.get(owner) ?? [];
        await this.issue(row, {
          kind: "duplicate",
          code: "possible_duplicate",
          customerId: owner,
          detail: JSON.stringify({ systems, incomingCustomerId: stored?.id ?? null }),
        });
        return this.result(row, "duplicate", null, "possible_duplicate", { systems: systems.join(", ") });
      }
      const hash = this.hashOf.get(email) as string;
      const erasedOn = this.erased.get(hash);
      const relationshipStart = record.relationship_start ?? stored?.relationshipStart;
      if (erasedOn !== undefined && !(relationshipStart !== undefined && relationshipStart > erasedOn)) {
        await this.issue(row, { kind: "erased", code: "erased_customer", detail: JSON.stringify({ erasedOn }) });
        return this.result(row, "erased", null, "erased_customer", { erasedOn });
      }
    }

    // Order and invoice numbers are unique in the register: another customer's number refuses the row.
    for (const o of record.orders ?? []) {
      const held = this.orderNumbers.get(o.order_number);
      const mine = this.orderByExt.get(o.external_id);
      if (held && held.id !== mine && (held.customerId !== customerId || customerId === undefined))
        return this.refuse(row, "order_number_taken", customerId ?? null);
    }
    for (const i of record.invoices ?? []) {
      const held = this.invoiceNumbers.get(i.invoice_number);
      const mine = this.invoiceByExt.get(i.external_id);
      if (held && held.id !== mine && (held.customerId !== customerId || customerId === undefined))
        return this.refuse(row, "invoice_number_taken", customerId ?? null);
    }

    if (!stored) return this.createCustomer(row, recordAt, email);
    await this.flush();
    return this.updateCustomer(row, stored, recordAt);
  }

  /* ---- A new customer: buffered, written at the flush ---- */

  private async createCustomer(row: InboundRow, recordAt: number, email: string | null): Promise<RowResult> {
    const { record } = row;
    if (!("externalId" in row.key)) return this.refuse(row, "not_found");
    if (!record.first_name || !record.last_name) return this.refuse(row, "new_customer_needs_name");
    if (record.e_invoice_address && !record.billing_name) return this.refuse(row, "billing_missing");
    const id = this.newId();
    const fields = incomingFields(record, null);
    const c: StoredCustomer = {
      id,
      firstName: record.first_name,
      lastName: record.last_name,
      email,
      phone: record.phone ?? null,
      www: record.www ?? null,
      street: null,
      postalCode: null,
      city: null,
      country: null,
      language: record.language ?? null,
      addressProtected: record.addressProtected ?? false,
      relationshipStart: record.relationship_start ?? this.day(recordAt),
      relationshipEnd: record.relationship_end ?? null,
      anonymisedAt: null,
      dataAsOf: recordAt,
      createdAt: this.now,
    };
    const address = fields.find((f) => f.name === "postalAddress");
    if (address?.field === "customer") Object.assign(c, completeAddress(address.columns, c));
    const p = this.pending;
    p.customers.push([
      id,
      c.firstName,
      c.lastName,
      c.email,
      c.phone,
      c.street,
      c.postalCode,
      c.city,
      c.country,
      c.www,
      c.relationshipStart,
      c.relationshipEnd,
      this.now,
      c.language,
      c.addressProtected ? 1 : 0,
      recordAt,
    ]);
    p.externalIds.push([this.run.system.id, "customer", row.key.externalId, id, this.now]);
    this.keyToCustomer.set(row.key.externalId, id);
    this.customersById.set(id, c);
    if (email !== null) this.emailOwner.set(email, id);
    this.systemsOf.set(id, [this.run.system.name]);

    const categories = new Set<DataCategoryId>(["name"]);
    if (c.email) categories.add("email");
    if (c.phone) categories.add("phone");
    if (c.www) categories.add("www");
    if (c.street) categories.add("postalAddress");
    if (record.billing_name) {
      p.billing.push([
        id,
        record.billing_name,
        record.billing_street,
        record.billing_postal_code,
        record.billing_city,
        record.e_invoice_address ?? null,
      ]);
      this.billingOf.set(id, {
        billingName: record.billing_name,
        street: record.billing_street ?? "",
        postalCode: record.billing_postal_code ?? "",
        city: record.billing_city ?? "",
        eInvoiceAddress: record.e_invoice_address ?? null,
      });
      categories.add("billing");
    }
    const organisation = fields.find((f) => f.name === "organisation");
    if (organisation?.field === "organisation" && organisation.value) {
      const org = this.findOrCreateOrganisation(organisation.value, false) as Org;
      const role: StoredRole = {
        id: this.newId(),
        organisationId: org.id,
        name: org.name,
        businessId: org.businessId,
        role: organisation.value.role,
        start: organisation.value.start,
        end: organisation.value.end,
      };
      p.roles.push([role.id, id, org.id, role.role, role.start, role.end]);
      this.rolesOf.set(id, [role]);
      categories.add("organisation");
    }
    const hadOrders = this.bufferOrdersAndInvoices(id, record.orders ?? [], record.invoices ?? [], recordAt);
    if (hadOrders) categories.add("orders");
    for (const k of categories) this.noteSource(id, k);

    // An address on the suppression list brings its lasting objection back at once, on every purpose; objections
    // the record carries are added.
    const hash = email === null ? undefined : this.hashOf.get(email);
    const purposes = new Set<MarketingPurpose>((record.objections ?? []).map((o) => o.purpose));
    if (hash !== undefined && this.suppressed.has(hash)) for (const purpose of marketingPurposes) purposes.add(purpose);
    // Orders are records of their own, not the customer's data the event carries.
    const change = this.changed(id);
    for (const k of categories) if (k !== "orders") change.categories.add(k);
    if (purposes.size > 0) change.objections = true;
    for (const purpose of purposes) {
      p.objections.push([id, purpose, 1, this.now]);
      p.events.push([id, purpose, 0, 1, this.now, this.marketingChannel, this.actorId(), this.run.system.id]);
      this.objectedOf(id).add(purpose);
    }
    p.size += 1;
    this.touched.add(id);
    return this.result(row, "new", id);
  }

  private noteSource(customerId: string, category: DataCategoryId) {
    const key = `${customerId}:${category}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.pending.sources.push([customerId, category, this.source, this.now, this.run.system.name, this.run.system.id]);
  }

  /** The organisation by business id, else by name; created (buffered, or at once) when missing. Never renamed. */
  private findOrCreateOrganisation(value: NonNullable<OrganisationValue>, now: boolean): Org | Promise<Org> {
    const found =
      (value.businessId ? this.orgByBusinessId.get(value.businessId) : undefined) ?? this.orgByName.get(value.name);
    if (found) return found;
    const org: Org = { id: this.newId(), name: value.name, businessId: value.businessId };
    if (org.businessId) this.orgByBusinessId.set(org.businessId, org);
    this.orgByName.set(org.name, org);
    if (!now) {
      this.pending.organisations.push([org.id, org.name, org.businessId]);
      return org;
    }
    return this.tx
      .insert(organisations)
      .values(org)
      .then(() => org);
  }

  /** Buffers a new customer's orders and invoices (the bulk path); whether there were any. */
  private bufferOrdersAndInvoices(
    customerId: string,
    newOrders: readonly InterchangeOrder[],
    newInvoices: readonly InterchangeInvoice[],
    recordAt: number,
  ) {
    const p = this.pending;
    for (const o of newOrders) {
      const id = this.newId();
      p.orders.push([id, customerId, o.order_number, Date.parse(o.ordered_at), o.status, o.total_cents, o.currency]);
      for (const l of o.lines) p.lines.push([id, l.line_no, l.product, l.quantity, l.unit_price_cents]);
      p.externalIds.push([this.run.system.id, "order", o.external_id, id, this.now]);
      this.orderByExt.set(o.external_id, id);
      this.orderNumbers.set(o.order_number, { id, customerId });
    }
    for (const i of newInvoices) {
      const id = this.newId();
      const s = invoiceStatusColumns(i, this.day(recordAt));
      const orderId = i.order_external_id ? (this.orderByExt.get(i.order_external_id) ?? null) : null;
      const statusAt = i.status_changed_at ? Date.parse(i.status_changed_at) : recordAt;
      p.invoices.push([
        id,
        customerId,
        orderId,
        i.invoice_number,
        i.issued_on,
        i.due_on,
        i.amount_cents,
        i.currency,
        s.status,
        s.inCollection ? 1 : 0,
        s.collectionAgency,
        s.paidAt,
        s.writtenOffOn,
        statusAt,
      ]);
      p.externalIds.push([this.run.system.id, "invoice", i.external_id, id, this.now]);
      this.invoiceByExt.set(i.external_id, id);
      this.invoiceNumbers.set(i.invoice_number, { id, customerId, statusChangedAt: statusAt });
    }
    return newOrders.length + newInvoices.length > 0;
  }

  /** Writes what new customers brought, one statement per table, parents first. */
  private async flush() {
    const p = this.pending;
    if (p.size === 0 && p.organisations.length === 0) return;
    this.pending = Batch.emptyPending();
    const { tx } = this;
    await bulkInsert(tx, "organisations", ["id", "name", "business_id"], p.organisations);
    await bulkInsert(
      tx,
      "customers",
      [
        "id",
        "first_name",
        "last_name",
        "email",
        "phone",
        "street",
        "postal_code",
        "city",
        "country",
        "www",
        "relationship_start",
        "relationship_end",
        "created_at",
        "language",
        "address_protected",
        "data_as_of",
      ],
      p.customers,
    );
    await bulkInsert(tx, "external_ids", ["system_id", "kind", "external_id", "local_id", "created_at"], p.externalIds);
    await bulkInsert(
      tx,
      "billing_details",
      ["customer_id", "billing_name", "street", "postal_code", "city", "e_invoice_address"],
      p.billing,
    );
    await bulkInsert(
      tx,
      "organisation_roles",
      ["id", "customer_id", "organisation_id", "role", "start_date", "end_date"],
      p.roles,
    );
    await bulkInsert(
      tx,
      "datum_sources",
      ["customer_id", "category", "source", "noted_at", "detail", "system_id"],
      p.sources,
    );
    await bulkInsert(
      tx,
      "orders",
      ["id", "customer_id", "order_number", "ordered_at", "status", "total_cents", "currency"],
      p.orders,
    );
    await bulkInsert(tx, "order_lines", ["order_id", "line_no", "product", "quantity", "unit_price_cents"], p.lines);
    await bulkInsert(
      tx,
      "invoices",
      [
        "id",
        "customer_id",
        "order_id",
        "invoice_number",
        "issued_at",
        "due_at",
        "amount_cents",
        "currency",
        "status",
        "in_collection",
        "collection_agency",
        "paid_at",
        "written_off_on",
        "status_changed_at",
      ],
      p.invoices,
    );
    await bulkInsert(tx, "marketing_objections", ["customer_id", "purpose", "objected", "updated_at"], p.objections);
    await bulkInsert(
      tx,
      "marketing_events",
      ["customer_id", "purpose", "from_objected", "to_objected", "at", "channel", "actor_id", "system_id"],
      p.events,
    );
  }

  /* ---- A stored customer: the conflict rule per field, written at once ---- */

  private async updateCustomer(row: InboundRow, stored: StoredCustomer, recordAt: number): Promise<RowResult> {
    const { record } = row;
    const id = stored.id;
    const billing = this.billingOf.get(id) ?? null;
    const fields = incomingFields(record, stored);
    if (
      fields.some((f) => f.name === "eInvoiceAddress" && f.value !== null) &&
      !billing &&
      !fields.some((f) => f.name === "billing" && f.value !== null)
    )
      return this.refuse(row, "billing_missing", id);

    const conflicts: FieldConflict[] = [];
    const applied: FieldValue[] = [];
    for (const f of fields) {
      let incoming = f;
      if (f.field === "customer" && f.name === "postalAddress") {
        const columns = completeAddress(f.columns, stored);
        incoming = { ...f, columns, display: addressLine({ ...stored, ...columns }) };
      }
      const current = this.currentOf(incoming, stored, billing);
      const last = this.lastChangeOf(id, incoming.name, stored);
      const decision = decideField({ current, incoming: incoming.display, incomingAt: recordAt, last });
      if (decision === "apply") applied.push(incoming);
      if (decision === "conflict") {
        conflicts.push({ field: incoming.name, currentAt: last.at, currentBy: last.by });
        await this.issue(row, {
          kind: "conflict",
          customerId: id,
          field: incoming.name,
          incomingValue: incoming.display,
          incomingAt: recordAt,
          currentAt: last.at,
          currentBy: last.by,
          detail: JSON.stringify({ value: keptValueOf(incoming), current }),
        });
      }
    }

    let changed = applied.length > 0;
    for (const f of applied) await this.writeField(id, f, recordAt);
    changed = (await this.upsertOrdersAndInvoices(id, record.orders ?? [], record.invoices ?? [], recordAt)) || changed;
    const objected = await this.addObjections(id, record.objections ?? []);
    changed = objected || changed;
    // What the connected systems hear: the categories whose values changed (a cleared value too), the objections.
    const fieldCategories = applied.flatMap((f) => categoryOfField[f.name] ?? []);
    if (fieldCategories.length > 0 || objected) {
      const change = this.changed(id);
      for (const k of fieldCategories) change.categories.add(k);
      if (objected) change.objections = true;
    }
    const categories = new Set<DataCategoryId>();
    for (const f of applied) {
      const k = categoryOfField[f.name];
      if (k && f.display !== null) categories.add(k);
    }
    if ((record.orders?.length ?? 0) + (record.invoices?.length ?? 0) > 0) categories.add("orders");
    for (const k of categories) this.noteSource(id, k);
    await this.flush();
    if (changed || conflicts.length > 0) this.touched.add(id);
    const outcome: RowOutcome = conflicts.length > 0 ? "conflict" : changed ? "changed" : "unchanged";
    return this.result(row, outcome, id, null, undefined, conflicts);
  }

  private currentOf(f: FieldValue, stored: StoredCustomer, billing: StoredBilling | null): string | null {
    if (f.name !== "organisation") return currentDisplay(f.name, stored, billing, null);
    const roles = this.rolesOf.get(stored.id) ?? [];
    // A clear compares with the role held today; a role compares with the latest role, ended or not.
    const role = f.display === null ? roles.filter((r) => r.end === null || r.end > this.today).at(-1) : roles.at(-1);
    return organisationLine(role ? { ...role } : null);
  }

  private lastChangeOf(customerId: string, name: string, stored: StoredCustomer) {
    let last: { at: number; by: ChangeAuthor } | undefined;
    for (const n of historyNamesOf[name as keyof typeof historyNamesOf] ?? [name]) {
      const l = this.lastChange.get(`${customerId}:${n}`);
      if (l && (!last || l.at > last.at)) last = l;
    }
    // Never changed since it was created: as of the data's source time when it came from a system, else creation.
    return last ?? { at: stored.dataAsOf ?? stored.createdAt, by: "system" as const };
  }

  /** Writes one field's value with its history row (old → new, who, which system, the source's time). */
  async writeField(customerId: string, f: FieldValue, sourceAt: number) {
    const { tx } = this;
    const stored = this.customersById.get(customerId) as StoredCustomer;
    const billing = this.billingOf.get(customerId) ?? null;
    const oldValue = this.currentOf({ ...f, display: f.name === "organisation" ? f.display : "" }, stored, billing);
    if (f.field === "customer") {
      await tx.update(customers).set(f.columns).where(eq(customers.id, customerId));
      if (f.name === "email") {
        if (stored.email) this.emailOwner.delete(stored.email);
        if (f.columns.email) this.emailOwner.set(f.columns.email, customerId);
      }
      Object.assign(stored, f.columns);
    } else if (f.field === "billing") {
      if (f.value === null) {
        await tx.delete(billingDetails).where(eq(billingDetails.customerId, customerId));
        this.billingOf.delete(customerId);
      } else if (billing) {
        await tx.update(billingDetails).set(f.value).where(eq(billingDetails.customerId, customerId));
        Object.assign(billing, f.value);
      } else {
        await tx.insert(billingDetails).values({ customerId, ...f.value });
        this.billingOf.set(customerId, { ...f.value, eInvoiceAddress: null });
      }
    } else if (f.field === "eInvoiceAddress") {
      await tx
        .update(billingDetails)
        .set({ eInvoiceAddress: f.value })
        .where(eq(billingDetails.customerId, customerId));
      const b = this.billingOf.get(customerId);
      if (b) b.eInvoiceAddress = f.value;
    } else {
      await this.writeOrganisation(customerId, f.value);
    }
    await tx.insert(fieldChanges).values({
      customerId,
      field: f.name,
      oldValue,
      newValue: f.display,
      at: this.now,
      actorType: this.run.actor.type,
      actorId: this.actorId(),
      sourceSystemId: this.run.system.id,
      sourceAt,
    });
    this.lastChange.set(`${customerId}:${f.name}`, { at: sourceAt, by: "system" });
  }

  /**
   * The customer's role: at the same organisation the role row is updated (kind, start, end); at another one the
   * current role ends today and a new one starts; `null` ends the current role today. History rows are never
   * deleted, and the organisation itself is never renamed (others may share it).
   */
  private async writeOrganisation(customerId: string, value: OrganisationValue) {
    const { tx } = this;
    const roles = this.rolesOf.get(customerId) ?? [];
    this.rolesOf.set(customerId, roles);
    const endOpen = async (except?: string) => {
      for (const r of roles) {
        if (r.id === except || (r.end !== null && r.end <= this.today)) continue;
        await tx.update(organisationRoles).set({ endDate: this.today }).where(eq(organisationRoles.id, r.id));
        r.end = this.today;
      }
    };
    if (value === null) return endOpen();
    const org = await this.findOrCreateOrganisation(value, true);
    const same = roles.findLast((r) => r.organisationId === org.id);
    if (same) {
      await tx
        .update(organisationRoles)
        .set({ role: value.role, startDate: value.start, endDate: value.end })
        .where(eq(organisationRoles.id, same.id));
      Object.assign(same, { role: value.role, start: value.start, end: value.end });
      // The latest role is the one compared next time.
      roles.splice(roles.indexOf(same), 1);
      roles.push(same);
      return endOpen(same.id);
    }
    await endOpen();
    const role: StoredRole = {
      id: this.newId(),
      organisationId: org.id,
      name: org.name,
      businessId: org.businessId,
      role: value.role,
      start: value.start,
      end: value.end,
    };
    await tx.insert(organisationRoles).values({
      id: role.id,
      customerId,
      organisationId: org.id,
      role: role.role,
      startDate: role.start,
      endDate: role.end,
    });
    roles.push(role);
  }

  /**
   * Orders and invoices of a stored customer, by the system's ids: new ones inserted; a known order's status and
   * total follow the system; a known invoice's status changes only when the report is newer than its status.
   */
  private async upsertOrdersAndInvoices(
    customerId: string,
    rowOrders: readonly InterchangeOrder[],
    rowInvoices: readonly InterchangeInvoice[],
    recordAt: number,
  ): Promise<boolean> {
    const { tx } = this;
    let changed = false;
    const fresh: { orders: InterchangeOrder[]; invoices: InterchangeInvoice[] } = { orders: [], invoices: [] };
    for (const o of rowOrders) {
      const id = this.orderByExt.get(o.external_id) ?? this.adopt("order", o.external_id, o.order_number);
      if (!id) {
        fresh.orders.push(o);
        continue;
      }
      const r = await tx
        .update(orders)
        .set({ status: o.status, totalCents: o.total_cents, currency: o.currency })
        .where(
          and(
            eq(orders.id, id),
            or(
              sql`${orders.status} <> ${o.status}`,
              sql`${orders.totalCents} <> ${o.total_cents}`,
              sql`${orders.currency} <> ${o.currency}`,
            ),
          ),
        )
        .run();
      if (r.changes > 0) changed = true;
      for (const l of o.lines) {
        const added = await tx
          .insert(orderLines)
          .values({
            orderId: id,
            lineNo: l.line_no,
            product: l.product,
            quantity: l.quantity,
            unitPriceCents: l.unit_price_cents,
          })
          .onConflictDoNothing()
          .run();
        if (added.changes > 0) changed = true;
      }
    }
    for (const i of rowInvoices) {
      const id = this.invoiceByExt.get(i.external_id) ?? this.adopt("invoice", i.external_id, i.invoice_number);
      if (!id) {
        fresh.invoices.push(i);
        continue;
      }
      const statusAt = i.status_changed_at ? Date.parse(i.status_changed_at) : recordAt;
      const s = invoiceStatusColumns(i, this.day(recordAt));
      const r = await tx
        .update(invoices)
        .set({ ...s, statusChangedAt: statusAt })
        .where(
          and(
            eq(invoices.id, id),
            or(isNull(invoices.statusChangedAt), sql`${invoices.statusChangedAt} < ${statusAt}`),
            or(
              sql`${invoices.status} <> ${s.status}`,
              sql`${invoices.inCollection} <> ${s.inCollection ? 1 : 0}`,
              sql`coalesce(${invoices.collectionAgency}, '') <> ${s.collectionAgency ?? ""}`,
            ) as SQL,
          ),
        )
        .run();
      if (r.changes > 0) changed = true;
    }
    if (fresh.orders.length + fresh.invoices.length > 0) {
      this.bufferOrdersAndInvoices(customerId, fresh.orders, fresh.invoices, recordAt);
      this.pending.size += 1;
      changed = true;
    }
    return changed;
  }

  /** The customer's own order or invoice of this number, not yet known by the system's id: linked to it now. */
  private adopt(kind: "order" | "invoice", externalId: string, number: string): string | undefined {
    const held = (kind === "order" ? this.orderNumbers : this.invoiceNumbers).get(number);
    if (!held) return undefined;
    this.pending.externalIds.push([this.run.system.id, kind, externalId, held.id, this.now]);
    this.pending.size += 1;
    (kind === "order" ? this.orderByExt : this.invoiceByExt).set(externalId, held.id);
    return held.id;
  }

  /** Objections only add: one already held is unchanged, and nothing is ever withdrawn. */
  private async addObjections(customerId: string, objections: readonly { purpose: MarketingPurpose }[]) {
    const held = this.objectedOf(customerId);
    let changed = false;
    for (const { purpose } of objections) {
      if (held.has(purpose)) continue;
      held.add(purpose);
      await this.tx
        .insert(marketingObjections)
        .values({ customerId, purpose, objected: true, updatedAt: this.now })
        .onConflictDoUpdate({
          target: [marketingObjections.customerId, marketingObjections.purpose],
          set: { objected: true, updatedAt: this.now },
        });
      await this.tx.insert(marketingEvents).values({
        customerId,
        purpose,
        fromObjected: false,
        toObjected: true,
        at: this.now,
        channel: this.marketingChannel,
        actorId: this.actorId(),
        systemId: this.run.system.id,
      });
      changed = true;
    }
    return changed;
  }
}

/** What a desk's "apply" writes: the incoming value as columns, kept with the conflict. */
function keptValueOf(f: FieldValue): unknown {
  return f.field === "customer" ? f.columns : f.value;
}

/**
 * The desk's "apply" of a conflict (services/inbound-issues.ts): the kept incoming value written now, with its
 * history row naming the system, as if it had won. `value` is what the conflict's detail kept.
 */
export async function applyKeptValue(
  tx: Tx,
  events: Pick<Deps, "outbox" | "now">,
  input: {
    customerId: string;
    field: string;
    value: unknown;
    display: string | null;
    system: { id: string; name: string };
    actor: IngestRun["actor"];
    now: number;
  },
): Promise<boolean> {
  const f = keptField(input.field, input.value, input.display);
  if (!f) return false;
  if (f.field === "customer" && f.name === "email" && f.columns.email) {
    // The address may belong to someone else by now: never moved silently (the unique index would refuse it too).
    const holder = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.email, f.columns.email))
      .get();
    if (holder && holder.id !== input.customerId) return false;
  }
  const run: IngestRun = {
    system: input.system,
    channel: "import",
    actor: input.actor,
    importId: null,
    receivedAt: input.now,
    suppressionKey: "",
  };
  const batch = new Batch(tx, run, input.now);
  const loaded = await batch.loadOne(input.customerId, f.field === "organisation" ? f.value : null);
  if (!loaded) return false;
  await batch.writeField(input.customerId, f, input.now);
  // The other systems hear of the value now in force; the system it came from already holds it.
  const category = categoryOfField[f.name];
  if (category) {
    await emitCustomerEvents(tx, events, [
      {
        type: "customer.upserted",
        customerId: input.customerId,
        sourceSystemId: input.system.id,
        categories: [category],
      },
    ]);
  }
  return true;
}

function keptField(field: string, value: unknown, display: string | null): FieldValue | null {
  if (field === "billing") return { field: "billing", name: "billing", value: value as BillingColumns, display };
  if (field === "eInvoiceAddress")
    return { field: "eInvoiceAddress", name: "eInvoiceAddress", value: value as string | null, display };
  if (field === "organisation")
    return { field: "organisation", name: "organisation", value: value as OrganisationValue, display };
  const customerFields = [
    "firstName",
    "lastName",
    "email",
    "phone",
    "www",
    "postalAddress",
    "language",
    "addressProtected",
    "relationshipStart",
    "relationshipEnd",
  ] as const;
  const name = customerFields.find((n) => n === field);
  if (!name || value === null || typeof value !== "object") return null;
  return { field: "customer", name, columns: value as Partial<CustomerColumns>, display };
}
