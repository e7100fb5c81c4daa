import type { Localized } from "../i18n/localized.ts";

/*
 * Every action the audit trail records, defined once: the BFF writes only these, the staff app's filter offers
 * them, and the customer's "staff who opened your data" is chosen from them.
 */
export const auditActions = [
  // Staff reads of a customer's data (the customer sees each: `staffReadActions`).
  "customer.record.viewed",
  "customer.search",
  "request.viewed",
  "operations.request.viewed",
  "restriction.viewed",
  "erasure.previewed",
  "mailing_list.exported",
  // The request desk.
  "request.queue.viewed",
  "request.registered",
  "request.note.added",
  "request.assigned",
  "request.started",
  "request.extended",
  "request.refused",
  "request.completed",
  "request.correction.approved",
  "request.notification.confirmed",
  // Data operations.
  "customer.anonymised",
  "restriction.applied",
  "restriction.lift_notified",
  "restriction.lifted",
  "restriction.ended_by_correction",
  "retention.dry_run",
  "retention.run",
  // Staff accounts and sign-in.
  "staff.created",
  "staff.updated",
  "staff.password_reset",
  "staff.sign_in",
  "staff.sign_in_failed",
  "staff.sign_out",
  "staff.sign_out_everywhere",
  "staff.totp.enrolment_started",
  "staff.totp.enabled",
  "staff.totp.reset",
  "staff.password_changed",
  "staff.role_policy.changed",
  // The customer's own security events (issue 11): never a code or a secret, only that it happened.
  "customer.sign_in",
  "customer.sign_in_failed",
  "customer.sign_out",
  "customer.session.ended",
  "customer.sessions.ended_others",
  "customer.reauthenticated",
  "customer.email_change.started",
  "customer.email_changed",
  "customer.email_change.undone",
  "customer.export.downloaded",
  "customer.request.submitted",
  // Issue 12 — data in. Connected systems and their API clients.
  "connected_system.registered",
  "connected_system.updated",
  "api_client.created",
  "api_client.secret_rotated",
  "api_client.revoked",
  "integration.called",
  // Issue 12 — imports and update-service files (each batch names its customers as subjects).
  "import.dry_run",
  "import.started",
  "import.batch_applied",
  "import.finished",
  "inbound_issue.resolved",
  // Issue 12 — staff record-keeping.
  "customer.created",
  "customer.corrected",
  "customer.objection_recorded",
  "organisation_role.ended",
  "legal_hold.set",
  "legal_hold.cleared",
  "invoice.status_recorded",
  "relationship.ended",
  "approval.requested",
  "approval.decided",
  "request.identity_verified",
  "request.export_produced",
  "customer.protected_address.viewed",
  "inbound_issues.viewed",
  // Issue 13 — decisions out: webhook endpoints, the delivery log, disclosures, Art. 19, restriction-lift notices.
  "webhook_endpoint.created",
  "webhook_endpoint.updated",
  "webhook_endpoint.secret_rotated",
  "outbox.viewed",
  "outbox.retried",
  "outbox.replayed",
  "disclosure.recorded",
  "disclosures.viewed",
  "recipient_notification.confirmed",
  "restriction.lift_told_otherwise",
  "customer.language_changed",
  "digest.sent",
  // Issue 13 D — the desk's list of Art. 19 parties to tell names customers: reading it is audited.
  "recipient_notifications.viewed",
  // Issue 14 A — erasure to the extent required: what a partial erasure erased and kept (ground, categories, until),
  // and the remainder erased once the last ground ended.
  "customer.partially_erased",
  "customer.remainder_erased",
  // Issue 14 B — the bookkeeping purge and the scheduled retention run (counts; the skipped with their reasons).
  "bookkeeping.purged",
  "retention.scheduled_run",
  // Issue 14 C — no trace: the database's free pages and WAL cleared after an erasure.
  "maintenance.traces_cleared",
  // Issue 14 D — four eyes: the switch, and an admin account waiting for a second admin.
  "four_eyes.changed",
  "staff.admin_approved",
  // … an irreversible act run by one person because four eyes was off (a staff of one).
  "four_eyes.waived",
  // Issue 14 E — the keyed trail's signed checkpoints.
  "audit.checkpoint",
  // Issue 14 G — the data-protection officer's seat.
  "audit.exported",
  "request_statistics.viewed",
  // Issue 15 B — a new version of the privacy notice came into force at start (its hash and date).
  "notice.version_recorded",
  // Issue 15 F — an erasure the erasure journal holds, carried out again at start because a restored backup predated it.
  "erasure.replayed_after_restore",
  // Housekeeping: what the scheduled purge removed, as counts.
  "maintenance.purged",
  // The trail itself.
  "audit.viewed",
  "audit.verified",
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Who an audit entry, a request event or a history row says acted. */
/** `client` is a connected system's API client (issue 12), named in the entry by its id. */
export const actorTypes = ["customer", "staff", "system", "client"] as const;
export type ActorType = (typeof actorTypes)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}

/**
 * The staff reads of a customer's data, each with why staff read it that way: what "staff who opened your data"
 * lists, the same on the portal page and in every download format (Art. 15(1)(c): the recipients, here the
 * controller's own staff). An entry counts for a customer when it names them, alone or among others (a search
 * result, a mailing list).
 */
export const staffReadReasons = {
  "customer.record.viewed": {
    fi: "Asiakaspalvelun haku: asiakastietojen avaaminen asiakkuuden hoitamiseksi tai pyynnön käsittelemiseksi",
    en: "Customer service look-up: the record was opened to serve you or to handle a request",
  },
  "customer.search": {
    fi: "Asiakashaku: nimesi oli henkilökunnan haun tuloksissa",
    en: "Customer search: your name was among the results of a staff search",
  },
  "request.viewed": {
    fi: "Pyynnön käsittely: pyyntösi ja siihen liittyvät tiedot avattiin",
    en: "Request handling: your request and the data it concerns were opened",
  },
  "operations.request.viewed": {
    fi: "Pyynnön toteutus: pyyntösi avattiin poistoa tai käsittelyn rajoittamista varten",
    en: "Carrying out a request: your request was opened to erase or restrict your data",
  },
  "restriction.viewed": {
    fi: "Käsittelyn rajoitus: rajoituksen tiedot avattiin",
    en: "Restriction of processing: the restriction's details were opened",
  },
  "erasure.previewed": {
    fi: "Poiston valmistelu: tarkistettiin, mitä tiedoistasi poistettaisiin ja mitä säilytettäisiin",
    en: "Preparing an erasure: staff checked what of your data would be erased and what kept",
  },
  "inbound_issues.viewed": {
    fi: "Saapuneet tiedot: tietosi näkyivät henkilökunnalle yhteen liitetyn järjestelmän lähettämien tietojen tarkistuksessa",
    en: "Incoming data: your data was shown to staff checking what a connected system sent",
  },
  "mailing_list.exported": {
    fi: "Postituslista: tietosi olivat henkilökunnan tulostamalla postituslistalla",
    en: "Mailing list: your data was on a mailing list staff exported",
  },
  "customer.protected_address.viewed": {
    fi: "Turvakielto: henkilökunta avasi suojatun osoitteesi ja kirjasi syyn",
    en: "Protected address: staff opened your protected address and recorded why",
  },
  "recipient_notifications.viewed": {
    fi: "Ilmoitukset vastaanottajille: nimesi oli henkilökunnan listalla tahoista, joille tietojesi muutoksesta on kerrottava",
    en: "Telling recipients: your name was on the staff's list of parties to tell of a change to your data",
  },
} as const satisfies Partial<Record<AuditAction, Localized>>;

export type StaffReadAction = keyof typeof staffReadReasons;
export const staffReadActions = Object.keys(staffReadReasons) as StaffReadAction[];

export function isStaffReadAction(action: string): action is StaffReadAction {
  return Object.hasOwn(staffReadReasons, action);
}
