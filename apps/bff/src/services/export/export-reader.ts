import {
  type CustomerProfile,
  type ExportCustomer,
  type ExportNoticeVersion,
  helsinkiDate,
  type Invoice,
  iso,
  judgeSession,
  marketingPurposes,
  noObjections,
  type Objections,
  type Order,
  type OrganisationRole,
  type RequestView,
  type SessionPolicy,
} from "@tietoni/domain";
import type { Db, SlotsFull, Snapshot, SnapshotSlot } from "../../db/port.ts";
import { erasureScheduleView, toCustomerProfile } from "../customer-record.ts";
import { toDisclosureView } from "../disclosures.ts";
import { lifecycleFactsFrom, relationshipEndsAfterMonths } from "../erasure-facts.ts";
import { toRequestView } from "../requests.ts";
import { STAFF_VIEWS_SQL, type StaffViewRow, toStaffView } from "../staff-views.ts";

type Row<K extends keyof ExportCustomer> = ExportCustomer[K] extends (infer Item)[] ? Item : never;

const bool = (v: number) => v !== 0;

type ProfileRow = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  www: string | null;
  relationshipStart: string;
  relationshipEnd: string | null;
  createdAt: number;
  anonymisedAt: number | null;
  addressProtected: number;
};

type OrderLineJoinRow = {
  orderId: string;
  orderNumber: string;
  orderedAt: number;
  status: Order["status"];
  totalCents: number;
  currency: string;
  lineNo: number | null;
  product: string | null;
  quantity: number | null;
  unitPriceCents: number | null;
};

type RequestJoinRow = {
  id: string;
  type: RequestView["type"];
  state: RequestView["state"];
  channel: RequestView["channel"];
  receivedOn: string;
  dueOn: string;
  extensionMonths: number | null;
  extensionReasons: string | null;
  extendedAt: number | null;
  text: string;
  correctionField: NonNullable<RequestView["correction"]>["field"] | null;
  correctionCurrent: string | null;
  correctionNew: string | null;
  correctionReason: string | null;
  restrictionGround: RequestView["restrictionGround"];
  decisionOutcome: NonNullable<RequestView["decision"]>["outcome"] | null;
  decisionReasons: string | null;
  decidedAt: number | null;
  createdAt: number;
  eventAt: number | null;
  event: string | null;
  note: string | null;
};

/** Every statement an export runs, the customer's id for each parameter (the bench's baseline reads them too). */
export const SQL = {
  noticeVersion: `SELECT id, sha256, notice_date AS "noticeDate", recorded_at AS "recordedAt"
    FROM notice_versions ORDER BY id DESC LIMIT 1`,
  profile: `SELECT id, first_name AS "firstName", last_name AS "lastName", email, phone, street, postal_code AS "postalCode",
      city, country, www, relationship_start AS "relationshipStart", relationship_end AS "relationshipEnd",
      created_at AS "createdAt", anonymised_at AS "anonymisedAt", address_protected AS "addressProtected"
    FROM customers WHERE id = ?`,
  organisationRoles: `SELECT o.name AS "organisationName", o.business_id AS "businessId", r.role, r.start_date AS "startDate",
      r.end_date AS "endDate"
    FROM organisation_roles r JOIN organisations o ON o.id = r.organisation_id
    WHERE r.customer_id = ? ORDER BY r.start_date DESC, r.id`,
  ipAddresses: `SELECT ip, seen_at AS "seenAt" FROM ip_addresses WHERE customer_id = ? ORDER BY seen_at DESC, id DESC`,
  // One ordered join instead of a query per order: an open iterator blocks its connection for other statements.
  ordersWithLines: `SELECT o.id AS "orderId", o.order_number AS "orderNumber", o.ordered_at AS "orderedAt", o.status,
      o.total_cents AS "totalCents", o.currency, l.line_no AS "lineNo", l.product, l.quantity,
      l.unit_price_cents AS "unitPriceCents"
    FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
    WHERE o.customer_id = ? ORDER BY o.ordered_at DESC, o.id, l.line_no`,
  invoices: `SELECT i.invoice_number AS "invoiceNumber", o.order_number AS "orderNumber", i.issued_at AS "issuedAt",
      i.due_at AS "dueAt", i.amount_cents AS "amountCents", i.currency, i.status, i.in_collection AS "inCollection",
      i.paid_at AS "paidAt", CASE WHEN i.in_collection <> 0 THEN i.collection_agency END AS "collectionAgency",
      i.written_off_on AS "writtenOffOn"
    FROM invoices i LEFT JOIN orders o ON o.id = i.order_id
    WHERE i.customer_id = ? ORDER BY i.issued_at DESC, i.invoice_number DESC`,
  billing: `SELECT billing_name AS "billingName", street, postal_code AS "postalCode", city, country,
      e_invoice_address AS "eInvoiceAddress", payment_term_days AS "paymentTermDays"
    FROM billing_details WHERE customer_id = ?`,
  sources: `SELECT d.category, d.source, d.noted_at AS "notedAt", d.detail, s.name AS "systemName"
    FROM datum_sources d LEFT JOIN connected_systems s ON s.id = d.system_id
    WHERE d.customer_id = ? ORDER BY d.noted_at, d.id`,
  // The lifecycle rule's facts (retention/lifecycle.ts); the roles come from organisationRoles.
  lifecycle: `SELECT c.relationship_start AS "relationshipStart", c.relationship_end AS "relationshipEnd",
      (SELECT count(*) FROM invoices i WHERE i.customer_id = c.id AND i.status = 'open') AS "openInvoices",
      (SELECT max(i.paid_at) FROM invoices i WHERE i.customer_id = c.id) AS "lastPaymentOn",
      (SELECT max(o.ordered_at) FROM orders o WHERE o.customer_id = c.id) AS "lastOrderMs"
    FROM customers c WHERE c.id = ?`,
  // Internal staff notes are not the customer's to see (and not part of the request's history).
  requestsWithEvents: `SELECT r.id, r.type, r.state, r.channel, r.received_on AS "receivedOn", r.due_on AS "dueOn",
      r.extension_months AS "extensionMonths", r.extension_reasons AS "extensionReasons", r.extended_at AS "extendedAt",
      r.text, r.correction_field AS "correctionField", r.correction_current AS "correctionCurrent",
      r.correction_new AS "correctionNew", r.correction_reason AS "correctionReason",
      r.restriction_ground AS "restrictionGround", r.decision_outcome AS "decisionOutcome",
      r.decision_reasons AS "decisionReasons", r.decided_at AS "decidedAt", r.created_at AS "createdAt",
      e.at AS "eventAt", e.event, e.note
    FROM requests r LEFT JOIN request_events e ON e.request_id = r.id AND e.internal = 0
    WHERE r.customer_id = ? ORDER BY r.created_at DESC, r.id, e.at, e.id`,
  objections: `SELECT purpose, objected FROM marketing_objections WHERE customer_id = ?`,
  marketingHistory: `SELECT purpose, from_objected AS "from", to_objected AS "to", at, channel FROM marketing_events
    WHERE customer_id = ? ORDER BY at, id`,
  contactChanges: `SELECT field, old_value AS "oldValue", new_value AS "newValue", at, actor_type AS "actorType", reason
    FROM field_changes WHERE customer_id = ? ORDER BY at, id`,
  signIns: `SELECT at, ip, user_agent AS "userAgent" FROM customer_sign_ins WHERE customer_id = ? ORDER BY at DESC, id DESC`,
  sessions: `SELECT created_at AS "createdAt", last_seen_at AS "lastSeenAt", ip, user_agent AS "userAgent"
    FROM customer_sessions WHERE customer_id = ? ORDER BY created_at DESC, id`,
  // The staff member's role, never their identity (services/staff-views.ts): the customer's id goes in twice.
  staffViews: STAFF_VIEWS_SQL,
  downloads: `SELECT format, at FROM downloads WHERE customer_id = ? ORDER BY at DESC, id DESC`,
  // Issue 13: who received the customer's data (services/disclosures.ts), newest first.
  disclosures: `SELECT d.id, d.at, d.channel, d.notice_recipient_id AS "noticeRecipientId", d.categories,
      d.legal_basis AS "legalBasis", d.reason, d.event_type AS "eventType", s.name AS "systemName"
    FROM disclosures d LEFT JOIN connected_systems s ON s.id = d.system_id
    WHERE d.customer_id = ? ORDER BY d.at DESC, d.id DESC`,
} as const;

export type ExportReaderOptions = {
  db: Db;
  customerId: string;
  now: number;
  sessionPolicy: SessionPolicy;
  /** The slots the export holds while it runs (export-stream.ts): per customer, per address, in all. */
  slots?: readonly SnapshotSlot[];
};

/**
 * A part of the export in batches of rows (decision 005, issue 16): the writers turn each batch into text
 * synchronously and wait for the snapshot only between batches, so the per-row work costs no more than when the
 * rows came one at a time from SQLite, and PostgreSQL's cursor is read a batch per round trip.
 */
export type Batches<T> = AsyncIterable<readonly T[]>;

/** A list already in memory (the marketing purposes, the current download) as one batch. */
export async function* inOneBatch<T>(items: readonly T[]): AsyncGenerator<readonly T[]> {
  if (items.length > 0) yield items;
}

/** Each batch mapped row by row; a row mapped to `undefined` is left out. */
async function* mapped<R, T>(rows: Batches<R>, map: (row: R) => T | undefined): AsyncGenerator<T[]> {
  for await (const batch of rows) {
    const out: T[] = [];
    for (const row of batch) {
      const item = map(row);
      if (item !== undefined) out.push(item);
    }
    if (out.length > 0) yield out;
  }
}

/**
 * One export's view of the register: a snapshot on a read-only connection of its own (`db.openSnapshot()`), so
 * every part of the file comes from the same moment, long iterations never block the app's connections, and writes
 * elsewhere go on (WAL on SQLite; MVCC on PostgreSQL). Every method reads one statement; callers must finish one
 * before starting the next. Answers `{ full }` when one of the export's slots is taken, and null when the customer
 * is gone (anonymised) by the time the snapshot starts.
 */
export async function openExportReader({
  db,
  customerId,
  now,
  sessionPolicy,
  slots = [],
}: ExportReaderOptions): Promise<ExportReader | SlotsFull | null> {
  const snapshot = await db.openSnapshot({ slots });
  if ("full" in snapshot) return snapshot;
  try {
    // The first read fixes the snapshot.
    const profileRow = await snapshot.get<ProfileRow>(SQL.profile, customerId);
    if (!profileRow || profileRow.anonymisedAt !== null) {
      await snapshot.close();
      return null;
    }
    return createReader(
      snapshot,
      customerId,
      // A customer without an e-mail address (created by staff from a letter, issue 12) gets the file too, as a
      // letter: the address is empty in it.
      toCustomerProfile({
        ...profileRow,
        email: profileRow.email ?? "",
        addressProtected: profileRow.addressProtected !== 0,
      }),
      now,
      sessionPolicy,
    );
  } catch (error) {
    await snapshot.close();
    throw error;
  }
}

export type ExportReader = ReturnType<typeof createReader>;

/**
 * Groups an ordered join into parents with their children, holding one parent at a time across batches: `start`
 * makes the parent of a row whose key differs from the previous row's, `add` puts the row's child (if any) into it.
 */
async function* grouped<R, P>(
  rows: Batches<R>,
  key: (row: R) => string,
  start: (row: R) => P,
  add: (parent: P, row: R) => void,
): AsyncGenerator<P[]> {
  let current: P | null = null;
  let currentKey = "";
  for await (const batch of rows) {
    const complete: P[] = [];
    for (const row of batch) {
      const k = key(row);
      if (current === null || k !== currentKey) {
        if (current !== null) complete.push(current);
        current = start(row);
        currentKey = k;
      }
      add(current, row);
    }
    if (complete.length > 0) yield complete;
  }
  if (current !== null) yield [current];
}

function createReader(
  snapshot: Snapshot,
  customerId: string,
  profile: CustomerProfile,
  now: number,
  sessionPolicy: SessionPolicy,
) {
  const each = <R>(sql: string, ...extra: string[]) => snapshot.batches<R>(sql, customerId, ...extra);
  const all = async <R>(sql: string) => {
    const rows: R[] = [];
    for await (const batch of each<R>(sql)) rows.push(...batch);
    return rows;
  };
  const order = (r: OrderLineJoinRow): Order => ({
    orderNumber: r.orderNumber,
    orderedAt: iso(r.orderedAt),
    status: r.status,
    totalCents: r.totalCents,
    currency: r.currency,
    lines: [],
  });

  return {
    profile,
    close: () => snapshot.close(),

    /** Issue 15 B: the notice version in force at the snapshot's moment (the newest recorded). */
    async noticeVersion(): Promise<ExportNoticeVersion | null> {
      const row = await snapshot.get<{ id: number; sha256: string; noticeDate: string; recordedAt: number }>(
        SQL.noticeVersion,
      );
      return row
        ? { id: row.id, sha256: row.sha256, noticeDate: row.noticeDate, inForceSince: iso(row.recordedAt) }
        : null;
    },

    organisationRoles: (): Batches<OrganisationRole> => each<OrganisationRole>(SQL.organisationRoles),

    ipAddresses: (): Batches<Row<"ipAddresses">> =>
      mapped(each<{ ip: string; seenAt: number }>(SQL.ipAddresses), (r) => ({ ip: r.ip, seenAt: iso(r.seenAt) })),

    /** Every order with its lines, newest first; one order held across batches at a time. */
    orders: (): Batches<Order> =>
      grouped(
        each<OrderLineJoinRow>(SQL.ordersWithLines),
        (r) => r.orderId,
        order,
        (o, r) => {
          if (r.lineNo === null || r.product === null || r.quantity === null || r.unitPriceCents === null) return;
          o.lines.push({
            lineNo: r.lineNo,
            product: r.product,
            quantity: r.quantity,
            unitPriceCents: r.unitPriceCents,
          });
        },
      ),

    /** Every order line with its order's number, in the order of `orders()` (for a flat table). */
    orderLines: (): Batches<{ orderNumber: string } & Order["lines"][number]> =>
      mapped(each<OrderLineJoinRow>(SQL.ordersWithLines), (r) => {
        if (r.lineNo === null || r.product === null || r.quantity === null || r.unitPriceCents === null) return;
        const { orderNumber, lineNo, product, quantity, unitPriceCents } = r;
        return { orderNumber, lineNo, product, quantity, unitPriceCents };
      }),

    invoices: (): Batches<Invoice> =>
      mapped(each<Omit<Invoice, "inCollection"> & { inCollection: number }>(SQL.invoices), (r) => ({
        ...r,
        inCollection: bool(r.inCollection),
      })),

    async billing(): Promise<ExportCustomer["billing"]> {
      const b = await snapshot.get<{
        billingName: string;
        street: string;
        postalCode: string;
        city: string;
        country: string;
        eInvoiceAddress: string | null;
        paymentTermDays: number;
      }>(SQL.billing, customerId);
      if (!b) return null;
      return {
        billingName: b.billingName,
        address: { street: b.street, postalCode: b.postalCode, city: b.city, country: b.country },
        eInvoiceAddress: b.eInvoiceAddress,
        paymentTermDays: b.paymentTermDays,
      };
    },

    /** When the relationship ends and the data is due to be erased, on the day of `now`. */
    async erasureSchedule(): Promise<ExportCustomer["erasureSchedule"]> {
      const row = await snapshot.get<{
        relationshipStart: string;
        relationshipEnd: string | null;
        openInvoices: number;
        lastPaymentOn: string | null;
        lastOrderMs: number | null;
      }>(SQL.lifecycle, customerId);
      if (!row) throw new Error("customer vanished from the snapshot");
      const roles = await all<OrganisationRole>(SQL.organisationRoles);
      const facts = lifecycleFactsFrom({ ...row, roles, today: helsinkiDate(now) });
      return erasureScheduleView(facts, relationshipEndsAfterMonths());
    },

    sources: (): Batches<Row<"sources">> => {
      type SourceRow = Omit<Row<"sources">, "notedAt"> & { notedAt: number };
      return mapped(each<SourceRow>(SQL.sources), (r) => ({ ...r, notedAt: iso(r.notedAt) }));
    },

    /** The customer's requests, newest first, each with the steps the customer may see. */
    requests: (): Batches<RequestView> =>
      grouped(
        each<RequestJoinRow>(SQL.requestsWithEvents),
        (r) => r.id,
        (r) => toRequestView(r, []),
        (request, r) => {
          if (r.eventAt !== null && r.event !== null)
            request.history.push({ at: iso(r.eventAt), event: r.event, note: r.note });
        },
      ),

    async objections(): Promise<Objections> {
      const objections = noObjections();
      for (const r of await all<{ purpose: string; objected: number }>(SQL.objections)) {
        const purpose = marketingPurposes.find((p) => p === r.purpose);
        if (purpose) objections[purpose] = bool(r.objected);
      }
      return objections;
    },

    marketingHistory: (): Batches<ExportCustomer["marketing"]["history"][number]> => {
      type EventRow = { purpose: (typeof marketingPurposes)[number]; from: number; to: number; at: number };
      return mapped(each<EventRow & { channel: "portal" | "staff" | "gpc" }>(SQL.marketingHistory), (r) => ({
        purpose: r.purpose,
        from: bool(r.from),
        to: bool(r.to),
        at: iso(r.at),
        channel: r.channel,
      }));
    },

    contactChanges: (): Batches<Row<"contactChanges">> => {
      type ChangeRow = Omit<Row<"contactChanges">, "at"> & { at: number };
      return mapped(each<ChangeRow>(SQL.contactChanges), (r) => ({ ...r, at: iso(r.at) }));
    },

    signIns: (): Batches<Row<"signIns">> => {
      type SignInRow = Omit<Row<"signIns">, "at"> & { at: number };
      return mapped(each<SignInRow>(SQL.signIns), (r) => ({ ...r, at: iso(r.at) }));
    },

    /** Only sessions that would still be accepted now; expired rows linger until their cookie is next seen. */
    sessions: (): Batches<Row<"sessions">> => {
      type SessionRow = { createdAt: number; lastSeenAt: number; ip: string | null; userAgent: string | null };
      return mapped(each<SessionRow>(SQL.sessions), (r) =>
        judgeSession(r, now, sessionPolicy).valid
          ? { createdAt: iso(r.createdAt), lastSeenAt: iso(r.lastSeenAt), ip: r.ip, userAgent: r.userAgent }
          : undefined,
      );
    },

    staffViews: (): Batches<Row<"staffViews">> =>
      mapped(each<StaffViewRow>(SQL.staffViews, customerId), (r) => toStaffView(r) ?? undefined),

    downloads: (): Batches<Row<"downloads">> => {
      type DownloadRow = { format: Row<"downloads">["format"]; at: number };
      return mapped(each<DownloadRow>(SQL.downloads), (r) => ({ format: r.format, at: iso(r.at) }));
    },

    disclosures: (): Batches<Row<"disclosures">> => {
      type DisclosureRow = Parameters<typeof toDisclosureView>[0] & { systemName: string | null };
      return mapped(each<DisclosureRow>(SQL.disclosures), ({ systemName, ...r }) => {
        const { id: _id, ...view } = toDisclosureView(r, systemName);
        return view as Row<"disclosures">;
      });
    },
  };
}
