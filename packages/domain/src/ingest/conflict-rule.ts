import type { OrganisationRoleKind } from "../customer/customer-record.ts";
import type { InterchangeInvoice } from "./interchange.ts";

/*
 * The conflict rule of every inbound path (issue 12), per field: an incoming value changes a field only when it is
 * newer than the field's last change, and never overrides what the customer or staff changed after it.
 *
 * Who made the last change matters:
 * - the customer or staff (by hand, in the portal or the staff app): an incoming value older than (or as old as)
 *   their change is KEPT OUT and reported as a conflict, so staff see it on the desk and choose;
 * - a connected system (an import, an API client, an update service, or the record's first load): an incoming
 *   value newer than or as new as that change simply overwrites it (systems take turns, the latest wins), and an
 *   incoming value older than it is STALE: skipped as `unchanged`, not a conflict. A system resending old data is
 *   routine (a periodic full sync after a delta) and nobody needs to decide anything about it.
 * A value equal to the current one is `unchanged` whatever the times: there is nothing to decide.
 */

/** Who made a field's last change, as the rule needs it: a person by hand, or a system. */
export type ChangeAuthor = "customer" | "staff" | "system";

export type FieldLastChange = {
  /** When the current value became true (the source's time of a system's change, else when it was made). */
  at: number;
  by: ChangeAuthor;
};

export type FieldDecision = "apply" | "unchanged" | "conflict";

export function decideField(input: {
  current: string | null;
  incoming: string | null;
  incomingAt: number;
  last: FieldLastChange;
}): FieldDecision {
  const { current, incoming, incomingAt, last } = input;
  if (current === incoming) return "unchanged";
  if (last.by === "system") return incomingAt >= last.at ? "apply" : "unchanged";
  return incomingAt > last.at ? "apply" : "conflict";
}

/**
 * Who a history row says made a change: a row a connected system's run wrote (it names the system) is a system's,
 * even when a staff member uploaded the file; otherwise its actor: a customer, a staff member by hand, or the
 * register itself and API clients (systems).
 */
export function changeAuthorOf(actorType: string, sourceSystemId: string | null): ChangeAuthor {
  if (sourceSystemId !== null) return "system";
  if (actorType === "customer" || actorType === "staff") return actorType;
  return "system";
}

/* ---- The interchange's words in the register's columns ---- */

/** `contact_person` (interchange) is `contactPerson` (register). */
export function registerRoleOf(role: "representative" | "contact_person"): OrganisationRoleKind {
  return role === "contact_person" ? "contactPerson" : "representative";
}

/** The register's invoice status columns of an interchange invoice. */
export type InvoiceStatusColumns = {
  status: "open" | "paid" | "written_off";
  inCollection: boolean;
  collectionAgency: string | null;
  paidAt: string | null;
  writtenOffOn: string | null;
};

/**
 * `in_collection` is an open invoice with its collection agency; `written_off` keeps its day (the record's date, or
 * the day given); `paid` keeps its payment day. Other states clear the columns they do not use.
 */
export function invoiceStatusColumns(
  invoice: Pick<InterchangeInvoice, "status" | "collection_agency" | "paid_on" | "written_off_on">,
  today: string,
): InvoiceStatusColumns {
  switch (invoice.status) {
    case "in_collection":
      return {
        status: "open",
        inCollection: true,
        collectionAgency: invoice.collection_agency ?? null,
        paidAt: null,
        writtenOffOn: null,
      };
    case "paid":
      return {
        status: "paid",
        inCollection: false,
        collectionAgency: null,
        paidAt: invoice.paid_on ?? today,
        writtenOffOn: null,
      };
    case "written_off":
      return {
        status: "written_off",
        inCollection: false,
        collectionAgency: null,
        paidAt: null,
        writtenOffOn: invoice.written_off_on ?? today,
      };
    default:
      return { status: "open", inCollection: false, collectionAgency: null, paidAt: null, writtenOffOn: null };
  }
}
