import { z } from "zod";
import { DAY_MS } from "../common/dates.ts";

/*
 * Changing the e-mail address moves the account: sign-in codes go to the new address from then on. So the change
 * asks for a recent proof of the current mailbox (ASVS 5.0 V7.5.1), and the old address can put itself back for a
 * while (a borrowed session that slipped through still cannot keep the account).
 */

/** How recent the last proof of the mailbox must be to start an e-mail change: a sign-in or a re-authentication. */
export const reauthenticationPolicy = {
  freshForMs: 5 * 60 * 1000,
} as const;

/** The link mailed to the old address undoes the change for 7 days. */
export const emailChangeUndoPolicy = {
  validForMs: 7 * DAY_MS,
} as const;

/** E-mail change starts per customer: each mails a code to an address the customer chooses, so they are capped. */
export const emailChangeLimits = {
  maxStartsPerDay: 5,
  dayMs: DAY_MS,
  /** Re-authentication codes mailed per customer a day: a borrowed session must not flood the owner's mailbox. */
  maxReauthenticationCodesPerDay: 5,
} as const;

/** The session's times that count as proof of the mailbox: its sign-in, and its last re-authentication if any. */
export type AuthenticationTimes = { createdAt: number; reauthenticatedAt: number | null };

/** When the session's proof of the mailbox stops being recent enough for an e-mail change. */
export function freshUntil(session: AuthenticationTimes): number {
  return Math.max(session.createdAt, session.reauthenticatedAt ?? 0) + reauthenticationPolicy.freshForMs;
}

/** Whether the session proved the mailbox recently enough (strictly within the window) at `now`. */
export function isRecentlyAuthenticated(session: AuthenticationTimes, now: number): boolean {
  return now < freshUntil(session);
}

export type EmailChangeUndoState = { expiresAt: number; usedAt: number | null };
export type UndoCheck = "usable" | "used" | "expired";

/** Whether an undo link may still be used: once, before it expires. */
export function checkEmailChangeUndo(undo: EmailChangeUndoState, now: number): UndoCheck {
  if (undo.usedAt !== null) return "used";
  if (now >= undo.expiresAt) return "expired";
  return "usable";
}

/** The six-digit code mailed to the current address. */
export const reauthenticateInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, "code_format"),
});
export type ReauthenticateInput = z.infer<typeof reauthenticateInputSchema>;

/** The undo link's `id.secret`, as the page reads it from the link's fragment. */
export const undoEmailChangeInputSchema = z.object({
  token: z
    .string()
    .trim()
    .regex(/^[a-z0-9]{1,64}\.[a-z0-9]{1,64}$/, "undo_link_invalid"),
});
export type UndoEmailChangeInput = z.infer<typeof undoEmailChangeInputSchema>;
