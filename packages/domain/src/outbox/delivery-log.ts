import { z } from "zod";
import type { Localized } from "../i18n/localized.ts";
import { webhookEventTypes } from "./events.ts";
import {
  isMailTemplate,
  type MailTemplate,
  mailTemplateLabels,
  mailTemplates,
  type OutboxKind,
  type OutboxStatus,
  outboxKinds,
  outboxStatuses,
} from "./outbox.ts";
import type { LiftToldOtherwiseMethod } from "./recipient-notifications.ts";
import { liftToldOtherwiseMethods } from "./recipient-notifications.ts";

/*
 * Issue 13 — the delivery log admins see (ids and metadata, never content), what they may do with a row (retry a
 * failing or dead one, replay a delivered one), and the rule that a restriction is lifted only after its notice was
 * delivered or staff recorded another way they told the customer (Art. 18(3)).
 */

export const DELIVERY_LOG_PAGE_SIZE = 50;

/** An outbox row's id as the BFF writes it (`msg_` + a random base32 token). */
export const outboxIdSchema = z.string().regex(/^msg_[a-z0-9]{1,64}$/, "id_invalid");
export const outboxIdParamSchema = z.object({ id: outboxIdSchema });

export const deliveryLogQuerySchema = z.object({
  status: z.enum(outboxStatuses).optional(),
  kind: z.enum(outboxKinds).optional(),
  /** 1 = the newest page. */
  page: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, "invalid_input")
    .transform(Number)
    .optional(),
});
export type DeliveryLogQuery = z.infer<typeof deliveryLogQuerySchema>;

/**
 * The mails an admin may have sent again after their body was dropped: the three notices the law requires, which the
 * BFF can render again from the request or restriction they are about. Every other mail is gone once delivered or
 * dead (a code mail above all: its code must never be rebuilt or sent twice).
 */
export const replayableMailTemplates = [
  "request_refused",
  "request_extended",
  "restriction_lift_notice",
] as const satisfies readonly MailTemplate[];

export function isReplayableMail(topic: string): boolean {
  return (replayableMailTemplates as readonly string[]).includes(topic);
}

/**
 * What an admin may do with a row: `retry` a failing or dead one (now, tries counted from zero), `replay` a
 * delivered one (sent again with the same id). Pending rows are on their way. A webhook can always be rendered again
 * from the customer's current state (payloads carry state, not deltas); a mail only if it is one of the required
 * notices. `hasBody`: the row still holds its content, so a retry needs no rendering (a failing row).
 */
export function deliveryAction(row: {
  kind: OutboxKind;
  topic: string;
  status: OutboxStatus;
  hasBody: boolean;
}): "retry" | "replay" | null {
  const renderable = row.kind === "webhook" || isReplayableMail(row.topic);
  const secret = row.kind === "mail" && isMailTemplate(row.topic) && mailTemplates[row.topic].secret;
  if (row.status === "failing" || row.status === "dead") {
    if (row.hasBody && !secret) return "retry";
    return renderable ? "retry" : null;
  }
  if (row.status === "delivered") return renderable ? "replay" : null;
  return null;
}

/** The label of a row's topic: a mail template's or an event type's, the topic itself if unknown. */
export function deliveryTopicLabel(kind: OutboxKind, topic: string): Localized {
  if (kind === "mail" && isMailTemplate(topic)) return mailTemplateLabels[topic];
  if (kind === "webhook" && Object.hasOwn(webhookEventTypes, topic)) {
    return webhookEventTypes[topic as keyof typeof webhookEventTypes].label;
  }
  return { fi: topic, en: topic };
}

/* ---- Restriction lift (Art. 18(3)) ---- */

/**
 * Where the notice before a lift stands. `none`: not sent; `legacy`: sent before the outbox existed (lift_notice_at
 * without a row), counted as delivered; otherwise the outbox row's status.
 */
export type LiftNoticeDelivery = "none" | "legacy" | OutboxStatus;

export type LiftNoticeFacts = {
  liftNoticeAt: number | null;
  /** The outbox row of the latest notice; null before issue 13 or when none was sent. */
  noticeStatus: OutboxStatus | null;
  /** The row was delivered at least once (a replayed row is pending again but the customer was told). */
  noticeDelivered: boolean;
  toldOtherwiseAt: number | null;
  customerHasEmail: boolean;
};

export type LiftNoticeState = {
  delivery: LiftNoticeDelivery;
  /** The customer has been told: the notice was delivered, or staff recorded another way. */
  told: boolean;
  /** Staff may record another way they told the customer: the mail failed or cannot be sent. */
  mayRecordToldOtherwise: boolean;
};

export function liftNoticeState(f: LiftNoticeFacts): LiftNoticeState {
  const delivery: LiftNoticeDelivery =
    f.noticeStatus !== null
      ? f.noticeDelivered
        ? "delivered"
        : f.noticeStatus
      : f.liftNoticeAt !== null
        ? "legacy"
        : "none";
  const delivered = delivery === "delivered" || delivery === "legacy";
  const toldOtherwise = f.toldOtherwiseAt !== null;
  const failed = delivery === "failing" || delivery === "dead";
  return {
    delivery,
    told: delivered || toldOtherwise,
    mayRecordToldOtherwise: !delivered && !toldOtherwise && (failed || !f.customerHasEmail),
  };
}

export const liftToldOtherwiseInputSchema = z.object({
  method: z.enum(liftToldOtherwiseMethods, { error: "lift_told_otherwise_method_required" }),
});
export type LiftToldOtherwiseInput = { method: LiftToldOtherwiseMethod };

/** A stored method code (the request history's note) as the domain names it. */
export function isLiftToldOtherwiseMethod(value: string | null): value is LiftToldOtherwiseMethod {
  return value !== null && (liftToldOtherwiseMethods as readonly string[]).includes(value);
}
