import { keepingPeriods, purgeCutoffs, type SessionPolicy } from "@tietoni/domain";
import { and, isNotNull, lt, lte, or } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/port.ts";
import {
  customerSessions,
  customerSignIns,
  emailChanges,
  emailChangeUndos,
  idempotencyKeys,
  reauthenticationCodes,
  signInAttempts,
  signInCodes,
  staffSessions,
} from "../db/schema.ts";
import { log } from "../observability/logger.ts";
import { appendAudit } from "./audit.ts";
import { auditExpiredWrongCodes } from "./customer-sign-in.ts";
import { expireOutboxBodies } from "./outbox/outbox.ts";

/** What one purge removed, per kind. */
export type PurgeCounts = {
  customerSessions: number;
  staffSessions: number;
  signInCodes: number;
  reauthenticationCodes: number;
  emailChanges: number;
  emailChangeUndos: number;
  limitCounters: number;
  signIns: number;
  idempotencyKeys: number;
  /** Outbox bodies past their `body_expires_at` (code mails), dropped; the undelivered ones dead "expired". */
  outboxBodies: number;
};

/**
 * Minimisation (GDPR Art. 5(1)(c), (e)): deletes what the portal wrote for its own running once it has served its
 * purpose, on the periods of the domain's `keepingPeriods`:
 * - sessions of both surfaces past their idle timeout or absolute lifetime (they can never be used again);
 * - sign-in, re-authentication and e-mail change codes, and e-mail change undo links, a day after they were used
 *   or expired (an abandoned e-mail change is an e-mail change code that expired unused); an unexpired, unused
 *   undo link is kept: it is the old address's way back for its 7 days;
 * - rate-limit counters of past windows;
 * - sign-in history older than 12 months;
 * - the integration API's idempotency keys and stored answers after a day;
 * - outbox bodies of code mails once the code expired, delivered or not (issue 13; the dispatcher's passes do the
 *   same within seconds while it runs).
 * Wrong sign-in codes tried against a code that expired unused are written to the audit trail first (item 16).
 * One transaction; when anything was removed, one audit entry `maintenance.purged` with the counts (no ids: the
 * trail outlives what it describes).
 */
export async function purgeExpired(
  db: Db,
  { now, sessionPolicy }: { now: number; sessionPolicy: SessionPolicy },
): Promise<PurgeCounts> {
  const cut = purgeCutoffs(now, sessionPolicy);
  return db.transaction(async (tx) => {
    const changes = async (statement: PromiseLike<{ changes: number }>) => (await statement).changes;
    // Before the codes and counters go: wrong codes on codes that expired unused are written to the trail first.
    await auditExpiredWrongCodes(tx, now);
    const spent = (consumed: SQLiteColumn, expires: SQLiteColumn) =>
      or(and(isNotNull(consumed), lt(consumed, cut.spentBefore)), lt(expires, cut.spentBefore));
    const counts: PurgeCounts = {
      customerSessions: await changes(
        tx
          .delete(customerSessions)
          .where(
            or(
              lte(customerSessions.createdAt, cut.sessionsCreatedBefore),
              lte(customerSessions.lastSeenAt, cut.sessionsIdleSince),
            ),
          )
          .run(),
      ),
      staffSessions: await changes(
        tx
          .delete(staffSessions)
          .where(
            or(
              lte(staffSessions.createdAt, cut.sessionsCreatedBefore),
              lte(staffSessions.lastSeenAt, cut.sessionsIdleSince),
            ),
          )
          .run(),
      ),
      signInCodes: await changes(
        tx.delete(signInCodes).where(spent(signInCodes.consumedAt, signInCodes.expiresAt)).run(),
      ),
      reauthenticationCodes: await changes(
        tx
          .delete(reauthenticationCodes)
          .where(spent(reauthenticationCodes.consumedAt, reauthenticationCodes.expiresAt))
          .run(),
      ),
      emailChanges: await changes(
        tx.delete(emailChanges).where(spent(emailChanges.consumedAt, emailChanges.expiresAt)).run(),
      ),
      emailChangeUndos: await changes(
        tx.delete(emailChangeUndos).where(spent(emailChangeUndos.usedAt, emailChangeUndos.expiresAt)).run(),
      ),
      limitCounters: await changes(
        tx.delete(signInAttempts).where(lt(signInAttempts.windowStart, cut.countersBefore)).run(),
      ),
      signIns: await changes(tx.delete(customerSignIns).where(lt(customerSignIns.at, cut.signInsBefore)).run()),
      idempotencyKeys: await changes(
        tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cut.idempotencyKeysBefore)).run(),
      ),
      outboxBodies: await expireOutboxBodies(tx, now),
    };
    if (Object.values(counts).some((n) => n > 0)) {
      await appendAudit(tx, { actor: { type: "system" }, action: "maintenance.purged", detail: counts }, now);
    }
    return counts;
  });
}

/**
 * Runs the purge now and then every `keepingPeriods.purgeEveryMs` in this process. The timer does not keep the
 * process alive (unref) and `stop()` ends it; a failed run is logged and the next one tries again.
 */
export function startPurgeSchedule(
  db: Db,
  options: { now: () => number; sessionPolicy: SessionPolicy; everyMs?: number },
): { stop: () => void; ran: () => Promise<void> } {
  let last: Promise<void> = Promise.resolve();
  const run = () => {
    // Issue 16: one instance at a time on a shared database; the others skip this round.
    last = db
      .exclusive("purge", () => purgeExpired(db, { now: options.now(), sessionPolicy: options.sessionPolicy }))
      .then(
        (round) => {
          if (!round.ran) return;
          const removed = Object.entries(round.value).filter(([, n]) => n > 0);
          if (removed.length > 0)
            log.info({ job: "purge", removed: Object.fromEntries(removed) }, "purge: removed rows");
        },
        (err: unknown) => log.error({ job: "purge", err }, "purge failed; the next run tries again"),
      );
  };
  // A run still going when the timer fires again (a slow database, a server a round trip away) is left to finish:
  // runs never queue up behind the writer lock, and `ran()` is the one under way.
  let running = false;
  const once = () => {
    if (running) return;
    running = true;
    run();
    void last.finally(() => {
      running = false;
    });
  };
  once();
  const timer = setInterval(once, options.everyMs ?? keepingPeriods.purgeEveryMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    /** The latest run's completion (for shutdown and tests). */
    ran: () => last,
  };
}
