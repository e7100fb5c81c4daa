import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the four-eyes approvals (fi/en); keys start with "approvals". */
export const approvalsMessages = {
  approvalsTitle: { fi: "Hyväksynnät", en: "Approvals" },
  approvalsIntro: {
    fi: "Asiakaspalvelijan pyytämät toimet, jotka voivat poistaa poiston esteen: säilytysvelvoitteen poisto sekä laskun merkitseminen maksetuksi tai luottotappioksi, sekä poistot, joita pyytäjä ei saa toteuttaa yksin. Toinen henkilö hyväksyy tai hylkää ne; omaa pyyntöä ei voi päättää. Hyväksytty toimi tehdään heti, ja hyväksyjä kirjataan.",
    en: "Operations an agent asked for that can clear an erasure blocker: clearing a legal hold, marking an invoice paid or written off; and erasures the requester may not carry out alone. Another person approves or rejects them; nobody decides their own request. An approved operation runs at once, with the approver recorded.",
  },
  approvalsCaption: { fi: "Hyväksyntää odottavat pyynnöt", en: "Requests waiting for approval" },
  approvalsNone: { fi: "Mikään ei odota hyväksyntää.", en: "Nothing is waiting for approval." },
  approvalsColOperation: { fi: "Toimi", en: "Operation" },
  approvalsColCustomer: { fi: "Asiakas", en: "Customer" },
  approvalsColDate: { fi: "Päivä", en: "Date" },
  approvalsColReason: { fi: "Perustelu", en: "Reason" },
  approvalsColRequested: { fi: "Pyytäjä", en: "Requested by" },
  approvalsColDecision: { fi: "Päätös", en: "Decision" },
  approvalsOpLegalHoldClear: { fi: "Säilytysvelvoitteen poisto", en: "Clear a legal hold" },
  approvalsOpInvoicePaid: { fi: "Lasku maksettu", en: "Invoice paid" },
  approvalsOpInvoiceWrittenOff: { fi: "Lasku luottotappioksi", en: "Invoice written off" },
  approvalsOpErasureExecute: { fi: "Tietojen poisto", en: "Erasure" },
  approvalsErasureRegistrant: {
    fi: "Pyytäjä kirjasi poistopyynnön itse.",
    en: "The requester registered the erasure request themselves.",
  },
  approvalsErasureClearedBlocker: {
    fi: "Pyytäjä poisti itse asiakkaan poiston esteen.",
    en: "The requester cleared the customer's erasure blocker themselves.",
  },
  approvalsRequestedBy: { fi: "{name}, {date}", en: "{name}, {date}" },
  approvalsOwn: { fi: "Oma pyyntösi: toisen on päätettävä.", en: "Your own request: someone else must decide." },
  approvalsApprove: { fi: "Hyväksy", en: "Approve" },
  approvalsApproveFor: { fi: "Hyväksy: {operation}, {customer}", en: "Approve: {operation}, {customer}" },
  approvalsReject: { fi: "Hylkää", en: "Reject" },
  approvalsRejectFor: { fi: "Hylkää: {operation}, {customer}", en: "Reject: {operation}, {customer}" },
  approvalsRejectHeading: { fi: "Hylkää pyyntö", en: "Reject the request" },
  approvalsRejectReason: { fi: "Hylkäyksen perustelu", en: "Reason for rejecting" },
  approvalsWorking: { fi: "Käsitellään…", en: "Working…" },
  approvalsCancel: { fi: "Peruuta", en: "Cancel" },
  approvalsApproved: { fi: "Hyväksytty ja tehty.", en: "Approved and done." },
  approvalsRejected: { fi: "Hylätty.", en: "Rejected." },
  approvalsMineHeading: { fi: "Omat pyyntösi, joista on päätetty", en: "Your requests that were decided" },
  approvalsMineCaption: {
    fi: "Omat pyyntösi viimeisen 30 päivän ajalta",
    en: "Your requests of the last 30 days",
  },
  approvalsMineNone: { fi: "Ei päätöksiä viimeisen 30 päivän ajalta.", en: "No decisions in the last 30 days." },
  approvalsColOutcome: { fi: "Päätös", en: "Decision" },
  approvalsColDecidedBy: { fi: "Päättäjä", en: "Decided by" },
  approvalsOutcomeApproved: { fi: "Hyväksytty", en: "Approved" },
  approvalsOutcomeRejected: { fi: "Hylätty: {reason}", en: "Rejected: {reason}" },
} as const satisfies Record<string, Localized>;

export const { useI18n } = createI18n({ ...appMessages, ...approvalsMessages });
