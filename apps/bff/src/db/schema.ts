import {
  actorTypes,
  approvalOperations,
  auditActions,
  correctableByRequest,
  dataCategoryIds,
  decisionOutcomes,
  disclosureChannels,
  disclosureLegalBases,
  disclosureReasons,
  exportFormats,
  importKinds,
  importStates,
  inboundChannels,
  inboundIssueKinds,
  invoiceStatuses,
  liftToldOtherwiseMethods,
  locales,
  marketingChannels,
  marketingPurposes,
  notificationMethods,
  notificationPartyKinds,
  notificationStatuses,
  notificationTriggers,
  orderStatuses,
  organisationRoleKinds,
  outboxKinds,
  outboxStatuses,
  requestChannels,
  requestStates,
  requestTypes,
  restrictionGrounds,
  sourceIds,
  staffRoles,
} from "@tietoni/domain";
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/*
 * The register's tables. Times are UTC milliseconds (integer); calendar dates are ISO text (YYYY-MM-DD).
 * Category and source ids are the register description's ids (packages/domain/src/register/ids.ts); every other
 * enumeration (roles, statuses, audit actions, request types) is defined once in the domain and taken from there.
 */

export const customers = sqliteTable(
  "customers",
  {
    id: text("id").primaryKey(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    /** Lower-cased; unique among customers who have one (an anonymised customer has none). */
    email: text("email"),
    phone: text("phone"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    country: text("country"),
    www: text("www"),
    relationshipStart: text("relationship_start").notNull(),
    /** The recorded end of the relationship; without it the lifecycle rule derives one (issue 12). */
    relationshipEnd: text("relationship_end"),
    anonymisedAt: integer("anonymised_at"),
    createdAt: integer("created_at").notNull(),
    /** The language of the customer's mail and default portal language; null: the register's default. */
    language: text("language", { enum: locales }),
    /**
     * An update service's non-disclosure flag (turvakielto): the postal address is shown only to the customer and
     * to staff who give a reason, and never put on a list or sent to a recipient system.
     */
    addressProtected: integer("address_protected", { mode: "boolean" }).notNull().default(false),
    /**
     * When the values the customer was created with were current at their source (a connected system's
     * `updated_at`, or the creation time): the conflict rule's "last change" of a field never changed since.
     */
    dataAsOf: integer("data_as_of"),
    /**
     * Issue 15 B: the privacy notice version (notice_versions.id) the customer last saw in the portal; null: none
     * yet. The portal's "our notice changed" banner compares it with the version in force.
     */
    noticeSeenVersionId: integer("notice_seen_version_id"),
  },
  (t) => [
    uniqueIndex("customers_email_unique").on(t.email),
    index("customers_last_name_idx").on(t.lastName, t.firstName),
  ],
);

export const organisations = sqliteTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  businessId: text("business_id"),
});

export const organisationRoles = sqliteTable(
  "organisation_roles",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** "representative" or "contactPerson" (the notice: a contact person cannot be erased during the role). */
    role: text("role", { enum: organisationRoleKinds }).notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
  },
  (t) => [
    index("organisation_roles_customer_idx").on(t.customerId),
    // The search index refreshes every member of a renamed organisation (migration 0004).
    index("organisation_roles_organisation_idx").on(t.organisationId),
  ],
);

export const ipAddresses = sqliteTable(
  "ip_addresses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    ip: text("ip").notNull(),
    seenAt: integer("seen_at").notNull(),
  },
  (t) => [index("ip_addresses_customer_idx").on(t.customerId, t.seenAt)],
);

export const orders = sqliteTable(
  "orders",
  {
    id: text("id").primaryKey(),
    /** Nullable only after anonymisation keeps the order for bookkeeping without its person. */
    customerId: text("customer_id").references(() => customers.id),
    orderNumber: text("order_number").notNull().unique(),
    orderedAt: integer("ordered_at").notNull(),
    status: text("status", { enum: orderStatuses }).notNull(),
    totalCents: integer("total_cents").notNull(),
    currency: text("currency").notNull().default("EUR"),
  },
  (t) => [index("orders_customer_idx").on(t.customerId, t.orderedAt)],
);

export const orderLines = sqliteTable(
  "order_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    lineNo: integer("line_no").notNull(),
    product: text("product").notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
  },
  (t) => [uniqueIndex("order_lines_order_line_unique").on(t.orderId, t.lineNo)],
);

export const invoices = sqliteTable(
  "invoices",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id").references(() => customers.id),
    orderId: text("order_id").references(() => orders.id),
    invoiceNumber: text("invoice_number").notNull().unique(),
    issuedAt: text("issued_at").notNull(),
    dueAt: text("due_at").notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("EUR"),
    status: text("status", { enum: invoiceStatuses }).notNull(),
    inCollection: integer("in_collection", { mode: "boolean" }).notNull().default(false),
    /** The collection agency's name while `inCollection` (issue 12). */
    collectionAgency: text("collection_agency"),
    paidAt: text("paid_at"),
    /** The day an open invoice was written off (status `written_off`). */
    writtenOffOn: text("written_off_on"),
    /** When the current status became true at its source: an older status report never overrides it. */
    statusChangedAt: integer("status_changed_at"),
  },
  // Ordered as the record and the export read them: no sort of a customer's whole invoice history (bench P3).
  (t) => [index("invoices_customer_issued_idx").on(t.customerId, t.issuedAt, t.invoiceNumber)],
);

export const billingDetails = sqliteTable("billing_details", {
  customerId: text("customer_id")
    .primaryKey()
    .references(() => customers.id),
  billingName: text("billing_name").notNull(),
  street: text("street").notNull(),
  postalCode: text("postal_code").notNull(),
  city: text("city").notNull(),
  country: text("country").notNull().default("FI"),
  eInvoiceAddress: text("e_invoice_address"),
  paymentTermDays: integer("payment_term_days").notNull().default(14),
});

/** Where each category of a customer's data came from (Art. 14(2)(f), Art. 15(1)(g)). */
export const datumSources = sqliteTable(
  "datum_sources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    category: text("category", { enum: dataCategoryIds }).notNull(),
    source: text("source", { enum: sourceIds }).notNull(),
    notedAt: integer("noted_at").notNull(),
    detail: text("detail"),
    /** The connected system the datum came from (issue 12), shown to the customer by its name. */
    systemId: text("system_id").references(() => connectedSystems.id),
  },
  (t) => [index("datum_sources_customer_idx").on(t.customerId)],
);

/** One-time sign-in codes; only a salted SHA-256 hash of the code is kept. */
export const signInCodes = sqliteTable(
  "sign_in_codes",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    codeHash: text("code_hash").notNull(),
    /** SHA-256 of the one-use sign-in link's secret mailed with the code (issue 11: a lockout-free way in). */
    linkHash: text("link_hash"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    consumedAt: integer("consumed_at"),
  },
  (t) => [index("sign_in_codes_customer_idx").on(t.customerId, t.createdAt)],
);

/** Customer sessions: the cookie holds id + secret; only the secret's SHA-256 is stored. */
export const customerSessions = sqliteTable(
  "customer_sessions",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    /** Last proof of the mailbox after sign-in (a fresh code); null means only the sign-in at `createdAt`. */
    reauthenticatedAt: integer("reauthenticated_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("customer_sessions_customer_idx").on(t.customerId)],
);

/** Every successful customer sign-in, shown to the customer as their sign-in history. */
export const customerSignIns = sqliteTable(
  "customer_sign_ins",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    at: integer("at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("customer_sign_ins_customer_idx").on(t.customerId, t.at)],
);

export const staffUsers = sqliteTable("staff_users", {
  id: text("id").primaryKey(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  role: text("role", { enum: staffRoles }).notNull(),
  passwordHash: text("password_hash").notNull(),
  /** The notice: only staff who signed a confidentiality commitment may process the register. */
  confidentialitySignedOn: text("confidentiality_signed_on"),
  disabledAt: integer("disabled_at"),
  createdAt: integer("created_at").notNull(),
  /** RFC 6238 shared secret (base32); enrolment is confirmed with a first code before it is required. */
  totpSecret: text("totp_secret"),
  totpEnabledAt: integer("totp_enabled_at"),
  passwordChangedAt: integer("password_changed_at"),
  /** The RFC 6238 time step of the last accepted code: a code is refused at or below it (no replay). */
  totpLastStep: integer("totp_last_step"),
  /** Set by an admin's reset: the next sign-in must choose a new password before anything else. */
  mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
  /**
   * Issue 14 D: an administrator created by another admin waits here for a second admin's approval and cannot sign
   * in until then (the CLI's second admin, made while only one exists, does not wait).
   */
  approvalPending: integer("approval_pending", { mode: "boolean" }).notNull().default(false),
  /** Who made the account an administrator: they may not be the one who approves it. */
  approvalRequestedBy: text("approval_requested_by"),
  approvedBy: text("approved_by"),
  approvedAt: integer("approved_at"),
});

/**
 * Per staff role: whether sign-in needs a second factor. A role without a row needs one; switching it off
 * takes an admin and a reason, both kept here and in the audit trail.
 */
export const staffRolePolicies = sqliteTable("staff_role_policies", {
  role: text("role", { enum: staffRoles }).primaryKey(),
  secondFactorRequired: integer("second_factor_required", { mode: "boolean" }).notNull().default(true),
  reason: text("reason"),
  changedBy: text("changed_by").references(() => staffUsers.id),
  changedAt: integer("changed_at"),
});

export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    staffUserId: text("staff_user_id")
      .notNull()
      .references(() => staffUsers.id),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("staff_sessions_user_idx").on(t.staffUserId)],
);

/**
 * Append-only audit trail. Each row stores the hash of the previous row and of its own content,
 * so an edited or deleted row breaks the chain. Triggers refuse UPDATE and DELETE.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actorType: text("actor_type", { enum: actorTypes }).notNull(),
    actorId: text("actor_id"),
    actorRole: text("actor_role"),
    action: text("action", { enum: auditActions }).notNull(),
    customerId: text("customer_id"),
    detail: text("detail").notNull().default(sql`'{}'`),
    ip: text("ip"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    /**
     * Issue 14 E: the id of the HMAC key `hash` was made with (a fingerprint, never the key); null: a plain SHA-256
     * entry from before the trail was keyed, verified as before.
     */
    keyId: text("key_id"),
  },
  (t) => [index("audit_log_customer_idx").on(t.customerId, t.at)],
);

/**
 * Issue 14 E: signed checkpoints of the audit chain, every N entries or every hour: the sequence and head hash at
 * that point, signed with the Ed25519 key from configuration (the public key's id kept with it). A copy goes to
 * the DPO by mail through the outbox, so a rewritten or cut tail no longer matches what they hold.
 */
export const auditCheckpoints = sqliteTable("audit_checkpoints", {
  seq: integer("seq").primaryKey(),
  head: text("head").notNull(),
  at: integer("at").notNull(),
  /** The signing key's id (a fingerprint of the public key). */
  keyId: text("key_id").notNull(),
  /** Ed25519 signature (base64) over the checkpoint's canonical text. */
  signature: text("signature").notNull(),
  /** The DPO's copy in the outbox, when DPO_MAIL_TO is set. */
  outboxId: text("outbox_id"),
});

/**
 * The customers an audit entry concerns besides its `customer_id`: each customer named in a search result or
 * contained in a mailing list, so "staff who opened your data" finds those reads by an index. The entry's detail
 * carries a digest of these ids, so the chain still proves the list (services/audit.ts). Append-only like the log.
 */
export const auditSubjects = sqliteTable(
  "audit_subjects",
  {
    customerId: text("customer_id").notNull(),
    seq: integer("seq")
      .notNull()
      .references(() => auditLog.seq),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.seq] }), index("audit_subjects_seq_idx").on(t.seq)],
);

/* ---- Customer rights (issue 3) ---- */

/** A data subject request: from the portal, or registered by staff from a letter or e-mail. */
export const requests = sqliteTable(
  "requests",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    type: text("type", { enum: requestTypes }).notNull(),
    state: text("state", { enum: requestStates }).notNull(),
    channel: text("channel", { enum: requestChannels }).notNull(),
    /** The deadline runs from this calendar day (Europe/Helsinki). */
    receivedOn: text("received_on").notNull(),
    dueOn: text("due_on").notNull(),
    extensionMonths: integer("extension_months"),
    extensionReasons: text("extension_reasons"),
    extendedAt: integer("extended_at"),
    text: text("text").notNull().default(""),
    correctionField: text("correction_field", { enum: correctableByRequest }),
    correctionCurrent: text("correction_current"),
    correctionNew: text("correction_new"),
    correctionReason: text("correction_reason"),
    restrictionGround: text("restriction_ground", { enum: restrictionGrounds }),
    decisionOutcome: text("decision_outcome", { enum: decisionOutcomes }),
    decisionReasons: text("decision_reasons"),
    decidedAt: integer("decided_at"),
    decidedBy: text("decided_by").references(() => staffUsers.id),
    assignedTo: text("assigned_to").references(() => staffUsers.id),
    createdAt: integer("created_at").notNull(),
    /** A paper request: how the requester's identity was verified, and by whom, before an Art. 15 export. */
    identityMethod: text("identity_method"),
    identityVerifiedBy: text("identity_verified_by").references(() => staffUsers.id),
    identityVerifiedAt: integer("identity_verified_at"),
  },
  (t) => [
    index("requests_customer_idx").on(t.customerId, t.createdAt),
    index("requests_state_due_idx").on(t.state, t.dueOn),
  ],
);

/** Each step of a request. `internal` notes are for staff only and never shown to the customer. */
export const requestEvents = sqliteTable(
  "request_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: text("request_id")
      .notNull()
      .references(() => requests.id),
    at: integer("at").notNull(),
    actorType: text("actor_type", { enum: actorTypes }).notNull(),
    actorId: text("actor_id"),
    event: text("event").notNull(),
    note: text("note"),
    internal: integer("internal", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("request_events_request_idx").on(t.requestId, t.at)],
);

/** The current answer per purpose; absent means not objected. */
export const marketingObjections = sqliteTable(
  "marketing_objections",
  {
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    purpose: text("purpose", { enum: marketingPurposes }).notNull(),
    objected: integer("objected", { mode: "boolean" }).notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.purpose] })],
);

/** Every change of an objection, kept as proof: what, old → new, when, through which channel. */
export const marketingEvents = sqliteTable(
  "marketing_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    purpose: text("purpose", { enum: marketingPurposes }).notNull(),
    fromObjected: integer("from_objected", { mode: "boolean" }).notNull(),
    toObjected: integer("to_objected", { mode: "boolean" }).notNull(),
    at: integer("at").notNull(),
    channel: text("channel", { enum: marketingChannels }).notNull(),
    actorId: text("actor_id"),
    /** The connected system of an `import` or `api` objection. */
    systemId: text("system_id").references(() => connectedSystems.id),
  },
  (t) => [index("marketing_events_customer_idx").on(t.customerId, t.at)],
);

/** History of every change to a customer's data: old value, new value, when, by whom, why. */
export const fieldChanges = sqliteTable(
  "field_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    field: text("field").notNull(),
    oldValue: text("old_value"),
    newValue: text("new_value"),
    at: integer("at").notNull(),
    actorType: text("actor_type", { enum: actorTypes }).notNull(),
    actorId: text("actor_id"),
    reason: text("reason"),
    requestId: text("request_id").references(() => requests.id),
    /** The connected system whose import, API call or update-service file made the change (issue 12). */
    sourceSystemId: text("source_system_id").references(() => connectedSystems.id),
    /**
     * When the new value became current at its source (`updated_at`, an update service's effective date); null
     * means at `at`. The conflict rule compares an incoming value's time with the latest of these per field.
     */
    sourceAt: integer("source_at"),
  },
  (t) => [index("field_changes_customer_idx").on(t.customerId, t.at)],
);

/** A pending change of e-mail address: takes effect when the code sent to the new address is entered. */
export const emailChanges = sqliteTable(
  "email_changes",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    newEmail: text("new_email").notNull(),
    codeHash: text("code_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    consumedAt: integer("consumed_at"),
  },
  (t) => [index("email_changes_customer_idx").on(t.customerId, t.createdAt)],
);

/** A code mailed to the customer's current address to re-confirm a session before a sensitive change. */
export const reauthenticationCodes = sqliteTable(
  "reauthentication_codes",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    sessionId: text("session_id").notNull(),
    codeHash: text("code_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    consumedAt: integer("consumed_at"),
  },
  (t) => [index("reauthentication_codes_customer_idx").on(t.customerId, t.createdAt)],
);

/** The link mailed to the old address after an e-mail change: for 7 days it puts the old address back. */
export const emailChangeUndos = sqliteTable(
  "email_change_undos",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    secretHash: text("secret_hash").notNull(),
    oldEmail: text("old_email").notNull(),
    newEmail: text("new_email").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("email_change_undos_customer_idx").on(t.customerId)],
);

/** Art. 18 restrictions. A row without `liftedAt` means the record is restricted now. */
export const restrictions = sqliteTable(
  "restrictions",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    ground: text("ground", { enum: restrictionGrounds }).notNull(),
    requestId: text("request_id").references(() => requests.id),
    appliedAt: integer("applied_at").notNull(),
    appliedBy: text("applied_by").references(() => staffUsers.id),
    /** When the customer was told the restriction will be lifted (Art. 18(3)); lifting needs it. */
    liftNoticeAt: integer("lift_notice_at"),
    liftedAt: integer("lifted_at"),
    liftedBy: text("lifted_by").references(() => staffUsers.id),
    /** Why it was lifted, as recorded by staff or by the rule that ended it. */
    liftReason: text("lift_reason"),
    /** The approved correction that settled the contested accuracy and so ended this restriction. */
    endedByRequestId: text("ended_by_request_id").references(() => requests.id),
    /** Issue 13: the outbox row of the lift notice; lifting waits until it is delivered (or told otherwise). */
    liftNoticeOutboxId: text("lift_notice_outbox_id"),
    /** Issue 13: when the notice's mail failed, how and when staff told the customer another way, and who. */
    liftToldOtherwiseAt: integer("lift_told_otherwise_at"),
    liftToldOtherwiseBy: text("lift_told_otherwise_by").references(() => staffUsers.id),
    liftToldOtherwiseMethod: text("lift_told_otherwise_method", { enum: liftToldOtherwiseMethods }),
  },
  (t) => [index("restrictions_customer_idx").on(t.customerId)],
);

/** Each download of the customer's data, shown back to them. */
export const downloads = sqliteTable(
  "downloads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    format: text("format", { enum: exportFormats }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("downloads_customer_idx").on(t.customerId, t.at)],
);

/** Keyed hashes of erased customers' e-mail addresses whose marketing objection must outlive them. */
export const suppressionList = sqliteTable("suppression_list", {
  emailHash: text("email_hash").primaryKey(),
  createdAt: integer("created_at").notNull(),
});

/* ---- Staff desk (issue 4) ---- */

/** Art. 19: each party told of an approved correction, confirmed by the staff member who told them. */
export const correctionNotifications = sqliteTable(
  "correction_notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: text("request_id")
      .notNull()
      .references(() => requests.id),
    partyKind: text("party_kind", { enum: ["source", "recipient"] }).notNull(),
    partyId: text("party_id").notNull(),
    notifiedAt: integer("notified_at").notNull(),
    notifiedBy: text("notified_by")
      .notNull()
      .references(() => staffUsers.id),
  },
  (t) => [uniqueIndex("correction_notifications_unique").on(t.requestId, t.partyKind, t.partyId)],
);

/** Failed sign-in attempts per key ("account:<name>" or "ip:<address>") in fixed windows; survives restarts. */
export const signInAttempts = sqliteTable(
  "sign_in_attempts",
  {
    key: text("key").notNull(),
    windowStart: integer("window_start").notNull(),
    failures: integer("failures").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/* ---- Data in (issue 12) ---- */

/**
 * A system of the controller that feeds or receives the register (CRM, web shop, billing, an update service),
 * registered once by an admin. Imports, API clients and update-service files each act as one. It belongs to one
 * source or recipient of the privacy notice; its name is shown to customers beside the data it gave.
 */
export const connectedSystems = sqliteTable("connected_systems", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  noticePartyKind: text("notice_party_kind", { enum: ["source", "recipient"] }).notNull(),
  /** A source id or recipient id of the register description. */
  noticePartyId: text("notice_party_id").notNull(),
  createdAt: integer("created_at").notNull(),
  createdBy: text("created_by").references(() => staffUsers.id),
});

/** A connected system's own id of a customer, order or invoice: unique per system and kind. */
export const externalIds = sqliteTable(
  "external_ids",
  {
    systemId: text("system_id")
      .notNull()
      .references(() => connectedSystems.id),
    kind: text("kind", { enum: ["customer", "order", "invoice"] }).notNull(),
    externalId: text("external_id").notNull(),
    /** The register's id of the customer, order or invoice. */
    localId: text("local_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.kind, t.externalId] }),
    index("external_ids_local_idx").on(t.kind, t.localId),
  ],
);

/** A connected system's credential for the integration API: the secret is shown once and kept as a hash. */
export const apiClients = sqliteTable(
  "api_clients",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => connectedSystems.id),
    name: text("name").notNull().unique(),
    secretHash: text("secret_hash").notNull(),
    /** JSON array of integration scopes. */
    scopes: text("scopes").notNull(),
    /** Calls a minute; null: the documented default (`API_REQUESTS_PER_MINUTE`). */
    requestsPerMinute: integer("requests_per_minute"),
    createdAt: integer("created_at").notNull(),
    createdBy: text("created_by").references(() => staffUsers.id),
    secretRotatedAt: integer("secret_rotated_at"),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
    revokedBy: text("revoked_by").references(() => staffUsers.id),
  },
  (t) => [index("api_clients_system_idx").on(t.systemId)],
);

/** `Idempotency-Key` of an API POST: a repeat with the same key gets the first answer, without a second change. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    clientId: text("client_id")
      .notNull()
      .references(() => apiClients.id),
    key: text("key").notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestDigest: text("request_digest").notNull(),
    status: integer("status").notNull(),
    /** The answer as sent: ids and outcomes, never a customer's values. */
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.key] })],
);

/** One run of a file into the register: a bulk import or an update-service file, dry run or applied. */
export const imports = sqliteTable(
  "imports",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => connectedSystems.id),
    kind: text("kind", { enum: importKinds }).notNull(),
    state: text("state", { enum: importStates }).notNull(),
    dryRun: integer("dry_run", { mode: "boolean" }).notNull(),
    acceptValid: integer("accept_valid", { mode: "boolean" }).notNull().default(false),
    fileName: text("file_name").notNull(),
    /** SHA-256 of the file: a rerun of the same file finishes an interrupted run. */
    fileDigest: text("file_digest").notNull(),
    fileBytes: integer("file_bytes").notNull(),
    totalRows: integer("total_rows").notNull().default(0),
    /** Rows applied so far (the progress bar; where a rerun of an interrupted run goes on from). */
    doneRows: integer("done_rows").notNull().default(0),
    /** JSON: { new, changed, unchanged, conflicts, duplicates, refused }. */
    counts: text("counts").notNull().default(sql`'{}'`),
    actorType: text("actor_type", { enum: actorTypes }).notNull(),
    actorId: text("actor_id"),
    startedAt: integer("started_at").notNull(),
    /** Last sign of life of the run: a run `applying` whose heartbeat stopped was interrupted. */
    heartbeatAt: integer("heartbeat_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("imports_digest_idx").on(t.fileDigest, t.startedAt)],
);

/**
 * What an inbound path could not simply apply, per row: a refused row (validation), a conflict with a newer change
 * by the customer or staff, a possible duplicate (the e-mail of a customer known under another system), or the
 * e-mail of an erased customer. The import report lists them; the desk shows the unresolved conflicts, duplicates
 * and erased matches until staff resolve them. Erasing the customer deletes their rows.
 */
export const inboundIssues = sqliteTable(
  "inbound_issues",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    systemId: text("system_id")
      .notNull()
      .references(() => connectedSystems.id),
    channel: text("channel", { enum: inboundChannels }).notNull(),
    importId: text("import_id").references(() => imports.id),
    /** The file's line number (imports), or the record's index in an API call. */
    line: integer("line"),
    externalId: text("external_id"),
    customerId: text("customer_id").references(() => customers.id),
    kind: text("kind", { enum: inboundIssueKinds }).notNull(),
    /** An error code (refused rows) with its parameters in `detail`. */
    code: text("code"),
    field: text("field"),
    incomingValue: text("incoming_value"),
    incomingAt: integer("incoming_at"),
    /** The field's last change that won: when, and by whom (customer, staff, or a system). */
    currentAt: integer("current_at"),
    currentBy: text("current_by"),
    detail: text("detail").notNull().default(sql`'{}'`),
    createdAt: integer("created_at").notNull(),
    resolvedAt: integer("resolved_at"),
    resolvedBy: text("resolved_by").references(() => staffUsers.id),
    resolution: text("resolution"),
  },
  (t) => [
    index("inbound_issues_import_idx").on(t.importId, t.line),
    index("inbound_issues_open_idx").on(t.resolvedAt, t.kind, t.createdAt),
    index("inbound_issues_customer_idx").on(t.customerId),
  ],
);

/** A legal hold (a dispute, an authority's order): blocks erasure while set and not past its end. */
export const legalHolds = sqliteTable(
  "legal_holds",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    reason: text("reason").notNull(),
    reference: text("reference"),
    /** The last day the hold applies; null: until cleared. */
    endsOn: text("ends_on"),
    setAt: integer("set_at").notNull(),
    setByType: text("set_by_type", { enum: actorTypes }).notNull(),
    setById: text("set_by_id"),
    clearedAt: integer("cleared_at"),
    clearedByType: text("cleared_by_type", { enum: actorTypes }),
    clearedById: text("cleared_by_id"),
    clearReason: text("clear_reason"),
    /** The second staff member who approved an agent's clearing. */
    approvedBy: text("approved_by").references(() => staffUsers.id),
    /**
     * Issue 14 A: what the hold keeps through an erasure, as a JSON array of data category ids; null: everything
     * (a hold set before holds named their data, or one that names it all).
     */
    keeps: text("keeps"),
  },
  (t) => [index("legal_holds_customer_idx").on(t.customerId)],
);

/**
 * An operation that can clear an erasure blocker, asked by an agent and waiting for an admin or a second staff
 * member: clearing a legal hold, marking an invoice paid or written off. `payload` is the validated input.
 */
export const pendingApprovals = sqliteTable(
  "pending_approvals",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    operation: text("operation", { enum: approvalOperations }).notNull(),
    payload: text("payload").notNull(),
    reason: text("reason").notNull(),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => staffUsers.id),
    requestedAt: integer("requested_at").notNull(),
    decidedBy: text("decided_by").references(() => staffUsers.id),
    decidedAt: integer("decided_at"),
    outcome: text("outcome", { enum: ["approved", "rejected"] }),
  },
  (t) => [
    index("pending_approvals_open_idx").on(t.decidedAt, t.requestedAt),
    index("pending_approvals_customer_idx").on(t.customerId),
  ],
);

/**
 * Keyed hashes of erased customers' e-mail addresses with the day of erasure: an import row carrying one is refused
 * ("erased on <date>") unless its relationship started after that day. No readable address is kept.
 */
export const erasedEmails = sqliteTable("erased_emails", {
  emailHash: text("email_hash").primaryKey(),
  erasedOn: text("erased_on").notNull(),
});

/* ---- Decisions out (issue 13) ---- */

/**
 * The transactional outbox (decision 012): every mail and every webhook delivery, written in the transaction of the
 * change that causes it and delivered after commit by the dispatcher, at least once. The id is the delivery's
 * identity on the wire (`webhook-id`, the mail's Message-ID), the same on every try. `body` (the rendered mail or the
 * payload, JSON) is kept only until the row is delivered or dead — then metadata only; a code mail's body also goes
 * when its code expires, and an erasure deletes the customer's bodies. `last_error` names a reason, never content.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: outboxKinds }).notNull(),
    /** The mail template (`mailTemplates`) or the event type (`webhookEventTypes`). */
    topic: text("topic").notNull(),
    status: text("status", { enum: outboxStatuses }).notNull(),
    body: text("body"),
    /** A code mail: the body is dropped at this time even if undelivered (the code no longer works). */
    bodyExpiresAt: integer("body_expires_at"),
    /** The customer the row is about (null for staff mail): what an erasure clears and the log filters by. */
    customerId: text("customer_id"),
    /** The request the mail or event belongs to: a failing required notice is flagged on it. */
    requestId: text("request_id"),
    /** A notice the law requires the customer to receive (refusal, extension, restriction-lift notice). */
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    /** A webhook's endpoint. */
    endpointId: text("endpoint_id"),
    /** Ids only (no personal data), enough to render the body again for a retry or replay after it was dropped. */
    params: text("params"),
    attempts: integer("attempts").notNull().default(0),
    /** When the dispatcher may try next; also the lease of a try in flight (set ahead while it runs). */
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    lastAttemptAt: integer("last_attempt_at"),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
    deadAt: integer("dead_at"),
  },
  (t) => [
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_customer_idx").on(t.customerId),
    index("outbox_request_idx").on(t.requestId),
    index("outbox_created_idx").on(t.createdAt),
  ],
);

/**
 * A connected system's webhook endpoint. The signing secret is kept as the Standard Webhooks `whsec_` string, since
 * signing needs it; it is shown once when created or rotated and never returned by any read.
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => connectedSystems.id),
    url: text("url").notNull(),
    description: text("description"),
    /** JSON array of event types it receives. */
    eventTypes: text("event_types").notNull(),
    /** JSON array of data categories it may receive. */
    categories: text("categories").notNull(),
    secret: text("secret").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
    createdBy: text("created_by").references(() => staffUsers.id),
    updatedAt: integer("updated_at"),
  },
  (t) => [index("webhook_endpoints_system_idx").on(t.systemId)],
);

/**
 * The disclosure log: each time a customer's data left the register for a recipient. No personal data but the
 * customer's id, so it outlives an erasure.
 */
export const disclosures = sqliteTable(
  "disclosures",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    at: integer("at").notNull(),
    channel: text("channel", { enum: disclosureChannels }).notNull(),
    /** The connected system that received it (webhook, or staff recording a disclosure to a system). */
    systemId: text("system_id").references(() => connectedSystems.id),
    /** The notice recipient it belongs to (for a system: the system's notice recipient, if it is one). */
    noticeRecipientId: text("notice_recipient_id"),
    /** JSON array of data categories. */
    categories: text("categories").notNull(),
    legalBasis: text("legal_basis", { enum: disclosureLegalBases }).notNull(),
    reason: text("reason", { enum: disclosureReasons }).notNull(),
    eventType: text("event_type"),
    outboxId: text("outbox_id"),
    recordedBy: text("recorded_by").references(() => staffUsers.id),
  },
  (t) => [index("disclosures_customer_idx").on(t.customerId, t.at), index("disclosures_system_idx").on(t.systemId)],
);

/**
 * Art. 19: a party to tell of a correction, erasure or restriction — from the disclosure log and the recorded
 * sources, or one per notice recipient for data disclosed before the log existed. Told by webhook (done when the
 * delivery succeeds) or by staff (a task confirmed on the request).
 */
export const recipientNotifications = sqliteTable(
  "recipient_notifications",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    requestId: text("request_id").references(() => requests.id),
    trigger: text("trigger", { enum: notificationTriggers }).notNull(),
    /** JSON array of the data categories concerned. */
    categories: text("categories").notNull(),
    partyKind: text("party_kind", { enum: notificationPartyKinds }).notNull(),
    /** A connected system's id, a notice recipient id or a notice source id. */
    partyId: text("party_id").notNull(),
    method: text("method", { enum: notificationMethods }).notNull(),
    status: text("status", { enum: notificationStatuses }).notNull(),
    outboxId: text("outbox_id"),
    createdAt: integer("created_at").notNull(),
    doneAt: integer("done_at"),
    doneBy: text("done_by").references(() => staffUsers.id),
  },
  (t) => [
    index("recipient_notifications_customer_idx").on(t.customerId, t.createdAt),
    index("recipient_notifications_request_idx").on(t.requestId),
    index("recipient_notifications_open_idx").on(t.status, t.createdAt),
    index("recipient_notifications_outbox_idx").on(t.outboxId),
  ],
);

/* ---- Erasure, retention and the audit trail (issue 14) ---- */

/**
 * Issue 14 A: an erasure carried out to the extent the law allows while grounds still hold. `kept` is the JSON list
 * of what each ground keeps (ground, categories, until) as the customer was told; when the last ground ends the
 * remainder is erased and `remainder_erased_at` set. Ids, grounds and dates only: no personal data.
 */
export const partialErasures = sqliteTable(
  "partial_erasures",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    requestId: text("request_id").references(() => requests.id),
    erasedAt: integer("erased_at").notNull(),
    /** JSON array of the categories erased at once. */
    erased: text("erased").notNull(),
    /** JSON array of { ground, categories, until } kept. */
    kept: text("kept").notNull(),
    remainderErasedAt: integer("remainder_erased_at"),
  },
  (t) => [
    index("partial_erasures_customer_idx").on(t.customerId),
    index("partial_erasures_open_idx").on(t.remainderErasedAt),
  ],
);

/**
 * Issue 14 B: scheduled and manual runs of the register's jobs (retention with the bookkeeping purge): one at a time
 * across processes, through the lease (`lease_until`, taken by compare-and-set), with the counts of each run.
 */
export const jobRuns = sqliteTable(
  "job_runs",
  {
    id: text("id").primaryKey(),
    job: text("job").notNull(),
    trigger: text("trigger").notNull(),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
    status: text("status", { enum: ["running", "done", "failed"] }).notNull(),
    /** A running run's lease: another may start only after it passed. */
    leaseUntil: integer("lease_until"),
    /** JSON counts (and the skipped with reasons): ids and reasons only. */
    result: text("result"),
  },
  (t) => [index("job_runs_job_idx").on(t.job, t.startedAt)],
);

/**
 * Issue 14 D: whether irreversible acts need a second staff member (one row, id 1; no row: on). Switching it off
 * takes an admin and a reason, kept here and in the audit trail.
 */
export const fourEyesPolicy = sqliteTable("four_eyes_policy", {
  id: integer("id").primaryKey(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  reason: text("reason"),
  changedBy: text("changed_by").references(() => staffUsers.id),
  changedAt: integer("changed_at"),
});

/**
 * Issue 15 B: each version of the privacy notice this register has served, recorded at start when the file's
 * canonical JSON hashes differently from the newest row. Exports name the version in force; the portal tells a
 * customer when it changed. The file itself is the controller's (kept under version control there): only its
 * hash, its own date and the controller's name are kept here.
 */
export const noticeVersions = sqliteTable("notice_versions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** SHA-256 (hex) of the notice's canonical JSON (keys sorted), so formatting changes are not versions. */
  sha256: text("sha256").notNull(),
  /** The file's own `noticeDate` (YYYY-MM-DD). */
  noticeDate: text("notice_date").notNull(),
  controllerName: text("controller_name").notNull(),
  /** When this process first served it: the version is in force from here. */
  recordedAt: integer("recorded_at").notNull(),
});
