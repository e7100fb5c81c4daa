import type { Localized } from "../i18n/localized.ts";

/*
 * Issue 13 — Art. 19 from what actually happened. When data is corrected, erased or restricted, each recipient that
 * actually received that data (the disclosure log) and its source are told: automatically where the system has a
 * webhook endpoint that receives the event (recorded when delivered), otherwise as a task staff confirm. For data
 * disclosed before the log existed, one task per recipient the notice names.
 */

export const notificationTriggers = ["correction", "erasure", "restriction"] as const;
export type NotificationTrigger = (typeof notificationTriggers)[number];

export const notificationTriggerLabels: Record<NotificationTrigger, Localized> = {
  correction: { fi: "Oikaisu", en: "Correction" },
  erasure: { fi: "Poisto", en: "Erasure" },
  restriction: { fi: "Käsittelyn rajoitus", en: "Restriction" },
};

/** A connected system, a recipient named in the notice, or a source named in the notice. */
export const notificationPartyKinds = ["system", "notice_recipient", "notice_source"] as const;
export type NotificationPartyKind = (typeof notificationPartyKinds)[number];

/** `webhook`: told by the event itself; `task`: staff tell them another way and confirm. */
export const notificationMethods = ["webhook", "task"] as const;
export type NotificationMethod = (typeof notificationMethods)[number];

/** `pending`: not told yet (a task open, or a webhook not delivered yet); `done`: told. */
export const notificationStatuses = ["pending", "done"] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

export const notificationStatusLabels: Record<NotificationStatus, Localized> = {
  pending: { fi: "Ilmoittamatta", en: "Not told yet" },
  done: { fi: "Ilmoitettu", en: "Told" },
};

/** How staff told the customer another way when the lift notice's mail failed (Art. 18(3)). */
export const liftToldOtherwiseMethods = ["phone", "letter", "in_person", "other_email"] as const;
export type LiftToldOtherwiseMethod = (typeof liftToldOtherwiseMethods)[number];

export const liftToldOtherwiseLabels: Record<LiftToldOtherwiseMethod, Localized> = {
  phone: { fi: "Puhelimitse", en: "By phone" },
  letter: { fi: "Kirjeellä", en: "By letter" },
  in_person: { fi: "Henkilökohtaisesti", en: "In person" },
  other_email: { fi: "Toiseen sähköpostiosoitteeseen", en: "To another e-mail address" },
};
