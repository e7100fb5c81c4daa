import type { Localized } from "../i18n/localized.ts";

/*
 * Issue 13 — decisions out. Every mail and every outgoing event is a row of one outbox, written in the same
 * transaction as the change that causes it and delivered after commit by the dispatcher (decision 012).
 */

/** What a row carries: a mail to a person, or a signed webhook to a connected system's endpoint. */
export const outboxKinds = ["mail", "webhook"] as const;
export type OutboxKind = (typeof outboxKinds)[number];

/**
 * Where a row stands. `failing`: tried and refused at least once, to be tried again after its backoff; `dead`: gave
 * up (a permanent refusal or too many tries), the reason kept. Delivered and dead rows keep metadata only.
 */
export const outboxStatuses = ["pending", "failing", "delivered", "dead"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export const outboxStatusLabels: Record<OutboxStatus, Localized> = {
  pending: { fi: "Odottaa", en: "Pending" },
  failing: { fi: "Epäonnistuu, yritetään uudelleen", en: "Failing, will retry" },
  delivered: { fi: "Toimitettu", en: "Delivered" },
  dead: { fi: "Hylätty", en: "Dead" },
};

/** First retry after 30 s, doubling each time, never more than 6 h apart. */
export const outboxRetryPolicy = { firstDelayMs: 30_000, maxDelayMs: 6 * 60 * 60_000 } as const;

/**
 * The wait before try number `attempts + 1`, after `attempts` failed tries (≥ 1). `jitter` in [0, 1) spreads
 * rows that failed together (a receiver that was down) by up to a fifth of the delay, so they do not return
 * together either.
 */
export function outboxRetryDelayMs(attempts: number, jitter = 0): number {
  const n = Math.max(1, Math.floor(attempts));
  const base = Math.min(outboxRetryPolicy.firstDelayMs * 2 ** Math.min(n - 1, 30), outboxRetryPolicy.maxDelayMs);
  const spread = Math.min(Math.max(jitter, 0), 0.999_999);
  return Math.round(base * (1 + spread / 5));
}

/** What the dispatcher does after a try: delivered, try again later, or give up. */
export function outboxNextStep(
  outcome: { ok: true } | { ok: false; permanent: boolean },
  attemptsSoFar: number,
  maxAttempts: number,
): "delivered" | "retry" | "dead" {
  if (outcome.ok) return "delivered";
  if (outcome.permanent || attemptsSoFar >= maxAttempts) return "dead";
  return "retry";
}

/**
 * Every mail the register sends, by template. `required`: a notice the law requires the customer to receive (a
 * refusal with its reasons, an extension of the deadline, the notice before a restriction is lifted) — a failing
 * one is flagged on its request in the desk. `secret`: carries a one-time code, so its body is kept only until the
 * code expires and it is never replayed.
 */
export const mailTemplates = {
  sign_in_code: { required: false, secret: true },
  email_change_code: { required: false, secret: true },
  reauthentication_code: { required: false, secret: true },
  email_changed_undo: { required: false, secret: true },
  email_corrected_by_staff: { required: false, secret: false },
  request_received: { required: false, secret: false },
  request_cancelled: { required: false, secret: false },
  request_decision: { required: false, secret: false },
  request_refused: { required: true, secret: false },
  request_extended: { required: true, secret: false },
  restriction_applied: { required: false, secret: false },
  restriction_lift_notice: { required: true, secret: false },
  erasure_completed: { required: false, secret: false },
  // Issue 14 A: the written answer to a partial erasure (what was kept, why, until when): it must arrive.
  erasure_partial: { required: true, secret: false },
  export_delivered: { required: false, secret: false },
  paper_access: { required: false, secret: false },
  staff_digest: { required: false, secret: false },
} as const satisfies Record<string, { required: boolean; secret: boolean }>;
export type MailTemplate = keyof typeof mailTemplates;
export const mailTemplateIds = Object.keys(mailTemplates) as MailTemplate[];

export const mailTemplateLabels: Record<MailTemplate, Localized> = {
  sign_in_code: { fi: "Kirjautumiskoodi", en: "Sign-in code" },
  email_change_code: { fi: "Osoitteenvaihdon koodi", en: "E-mail change code" },
  reauthentication_code: { fi: "Vahvistuskoodi", en: "Re-authentication code" },
  email_changed_undo: { fi: "Osoite vaihdettiin (peruutuslinkki)", en: "Address changed (undo link)" },
  email_corrected_by_staff: { fi: "Henkilökunta korjasi osoitteen", en: "Address corrected by staff" },
  request_received: { fi: "Pyyntö vastaanotettu", en: "Request received" },
  request_cancelled: { fi: "Pyyntö peruttu", en: "Request cancelled" },
  request_decision: { fi: "Pyynnön ratkaisu", en: "Request decided" },
  request_refused: { fi: "Kieltäytyminen perusteluineen", en: "Refusal with reasons" },
  request_extended: { fi: "Määräajan pidennys", en: "Deadline extended" },
  restriction_applied: { fi: "Käsittelyä rajoitettu", en: "Processing restricted" },
  restriction_lift_notice: { fi: "Ilmoitus rajoituksen poistamisesta", en: "Notice before lifting a restriction" },
  erasure_completed: { fi: "Poisto tehty", en: "Erasure carried out" },
  erasure_partial: { fi: "Poisto tehty laajuudessa, jonka laki sallii", en: "Erasure to the extent the law allows" },
  export_delivered: { fi: "Tietojen kopio", en: "Copy of the data" },
  paper_access: { fi: "Paperipyynnön vastaus", en: "Paper request answer" },
  staff_digest: { fi: "Päivittäinen kooste henkilökunnalle", en: "Daily digest to staff" },
};

export function isMailTemplate(value: string): value is MailTemplate {
  return Object.hasOwn(mailTemplates, value);
}
