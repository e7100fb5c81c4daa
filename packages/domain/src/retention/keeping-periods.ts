import { DAY_MS as DAY, HOUR_MS as HOUR } from "../common/dates.ts";
import type { SessionPolicy } from "../session/session-policy.ts";

/**
 * How long the portal keeps what it writes for its own running, apart from the register itself (GDPR Art. 5(1)(c)
 * and (e)): the one place these periods are defined. The register's data (including the IP addresses the notice
 * lists as register content) keeps the notice's period, 10 years from the end of the relationship (retention.ts).
 */
export const keepingPeriods = {
  /**
   * The customer's sign-in history (time, address, browser) shown on the sessions page: a year lets a customer look
   * back over a year's sign-ins and spot one that was not theirs; older entries serve no one. The notice names no
   * period for it: it is the portal's own security log, not register content.
   */
  signInHistoryMonths: 12,
  /**
   * Sign-in, re-authentication and e-mail change codes, and the e-mail change undo links, once used or expired:
   * kept a day so a repeated click or a late code still gets its honest "used" or "expired" answer, then deleted.
   * Only hashes and times are stored.
   */
  spentCodesMs: DAY,
  /**
   * Counters of the rate limits (sign-in, per-customer actions) after their window started. No limit counts over
   * more than a day today; a limiter with a longer window must raise this.
   */
  limitCountersMs: 7 * DAY,
  /**
   * An integration API call's `Idempotency-Key` and its stored answer (ids and outcomes, no values): a client's
   * retry of a lost answer comes within minutes; after a day the key is forgotten and may be used again.
   */
  idempotencyKeysMs: DAY,
  /** The purge runs at start and then this often. */
  purgeEveryMs: HOUR,
} as const;

/** The moments before which each kind of housekeeping data is deleted by a purge at `now`. */
export type PurgeCutoffs = {
  /** Sessions signed in before this have passed their absolute lifetime. */
  sessionsCreatedBefore: number;
  /** Sessions last used before this have passed their idle timeout. */
  sessionsIdleSince: number;
  /** Codes and undo links used or expired before this. */
  spentBefore: number;
  /** Limit counters whose window started before this. */
  countersBefore: number;
  /** Sign-in history entries older than this. */
  signInsBefore: number;
  /** Integration API idempotency keys stored before this. */
  idempotencyKeysBefore: number;
};

export function purgeCutoffs(now: number, sessions: SessionPolicy): PurgeCutoffs {
  return {
    sessionsCreatedBefore: now - sessions.absoluteLifetimeMs,
    sessionsIdleSince: now - sessions.idleTimeoutMs,
    spentBefore: now - keepingPeriods.spentCodesMs,
    countersBefore: now - keepingPeriods.limitCountersMs,
    signInsBefore: monthsBefore(now, keepingPeriods.signInHistoryMonths),
    idempotencyKeysBefore: now - keepingPeriods.idempotencyKeysMs,
  };
}

/** The same moment `months` calendar months earlier (UTC); a day that month lacks becomes its last day. */
export function monthsBefore(at: number, months: number): number {
  const d = new Date(at);
  const target = new Date(at);
  target.setUTCDate(1);
  target.setUTCMonth(d.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}
