import { type MailTemplate, mailTemplates } from "@tietoni/domain";
import type { Tx } from "../db/port.ts";
import type { DeliveryOutcome, Outbox, OutboxHandler } from "../services/outbox/outbox.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

/**
 * How services send mail: an outbox row in the transaction that causes it (issue 13), delivered after commit and
 * retried until it goes or is dead. No route calls the mailer. `meta.template` says which notice it is (a required
 * one is flagged on its request when it fails); a code mail passes `bodyExpiresAt`, the code's expiry, so its text
 * is never kept longer than the code works.
 */
export type MailMeta = {
  template: MailTemplate;
  customerId?: string | null;
  requestId?: string | null;
  bodyExpiresAt?: number | null;
  /** Ids only, for rendering the mail again on a retry after its body was dropped. */
  params?: Record<string, string> | null;
};

export type MailQueue = { enqueueMail(tx: Tx, message: MailMessage, meta: MailMeta): Promise<string> };

export function createMailQueue(outbox: Pick<Outbox, "enqueue">): MailQueue {
  return {
    enqueueMail(tx, message, meta) {
      return outbox.enqueue(tx, {
        kind: "mail",
        topic: meta.template,
        body: toStored(message),
        customerId: meta.customerId ?? null,
        requestId: meta.requestId ?? null,
        required: mailTemplates[meta.template].required,
        bodyExpiresAt: meta.bodyExpiresAt ?? null,
        params: meta.params ?? null,
      });
    },
  };
}

/** The stored form: attachments as base64, since the body is JSON. */
type StoredMail = Omit<MailMessage, "attachments"> & {
  attachments?: { filename: string; contentType: string; base64: string }[];
};

export function toStored(message: MailMessage): StoredMail {
  const { attachments, ...rest } = message;
  return attachments
    ? {
        ...rest,
        attachments: attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          base64: a.content.toString("base64"),
        })),
      }
    : rest;
}

function fromStored(stored: StoredMail): MailMessage {
  const { attachments, ...rest } = stored;
  return attachments
    ? {
        ...rest,
        attachments: attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.base64, "base64"),
        })),
      }
    : rest;
}

/**
 * The outbox's mail handler. The Message-ID is derived from the row's id, so a redelivery after a crash carries the
 * same one and the receiving server or the customer's client can tell it is a duplicate.
 */
export function createMailHandler(mailer: Mailer, messageIdDomain: string): OutboxHandler {
  return async (delivery): Promise<DeliveryOutcome> => {
    const message = fromStored(delivery.body as StoredMail);
    try {
      await mailer.send({ ...message, messageId: `<${delivery.id}@${messageIdDomain}>` });
      return { ok: true };
    } catch (error) {
      return classifyMailError(error);
    }
  };
}

/**
 * SMTP's own rule: a 5xx reply is permanent (dead at once), a 4xx or a connection failure (nodemailer's ESOCKET,
 * ECONNECTION, ETIMEDOUT) is temporary (retried). An envelope nodemailer refuses before talking to any server (an
 * address it cannot parse: EENVELOPE without a reply) can never go, so it is permanent too. The reason kept is the
 * reply code and nodemailer's error code, never the address or the text.
 */
export function classifyMailError(error: unknown): DeliveryOutcome {
  const e = error as { responseCode?: number; code?: string; message?: string };
  if (typeof e.responseCode === "number") {
    return { ok: false, permanent: e.responseCode >= 500, reason: `smtp ${e.responseCode} ${e.code ?? ""}`.trim() };
  }
  if (e.code === "EENVELOPE") return { ok: false, permanent: true, reason: "EENVELOPE" };
  return { ok: false, permanent: false, reason: e.code ?? "mail_failed" };
}
