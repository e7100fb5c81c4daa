import { type OutboxKind, outboxNextStep, outboxRetryDelayMs } from "@tietoni/domain";
import { and, eq, inArray, isNotNull, lte, ne, sql } from "drizzle-orm";
import { randomToken } from "../../auth/tokens.ts";
import { jsonValues, skipLocked } from "../../db/dialect.ts";
import type { Db, Queries, Tx } from "../../db/port.ts";
import { outbox } from "../../db/schema.ts";
import { log } from "../../observability/logger.ts";

/*
 * The transactional outbox (decision 012). `enqueue` writes a row in the caller's transaction; after that
 * transaction commits the row is handed to its handler at once (so a mail or an event leaves within milliseconds),
 * and the dispatcher's loop picks up whatever is due: rows whose first try failed, rows a crash interrupted (their
 * lease ran out), rows written by another process. Delivery is at least once; the row's id is its identity on the
 * wire, the same on every try. Handlers are per kind: mail (SMTP or the demo's files) and webhook (signed POSTs).
 *
 * Several instances on one database (issue 16): every row has one dispatcher at a time — the instance that wrote
 * it until its lease runs out, then whichever claims it (`deliverDue`) — so it is delivered once, and again only
 * when a try outlives its lease or its instance dies mid-try (services/outbox/outbox-instances.test.ts).
 */

export type OutboxRow = typeof outbox.$inferSelect;

/** What a service asks to send. `body` is JSON-serialisable: the rendered mail, or the webhook payload. */
export type OutboxEntry = {
  kind: OutboxKind;
  topic: string;
  body: unknown;
  customerId?: string | null;
  requestId?: string | null;
  endpointId?: string | null;
  required?: boolean;
  /** A code mail: drop the body at this time, delivered or not. */
  bodyExpiresAt?: number | null;
  /** Ids only, to render the body again for a retry or replay after it was dropped. */
  params?: Record<string, string> | null;
};

/** One try's result. `permanent`: trying again cannot help (a 4xx, a refused address, a disallowed host). */
export type DeliveryOutcome = { ok: true } | { ok: false; permanent: boolean; reason: string };

/** A row as handed to a handler, its body parsed. */
export type Delivery = Omit<OutboxRow, "body" | "params"> & { body: unknown; params: Record<string, string> | null };

export type OutboxHandler = (delivery: Delivery) => Promise<DeliveryOutcome>;

/**
 * Runs in the transaction that marks a row delivered: a webhook's delivery becomes a disclosure and settles its
 * Art. 19 notification. Keyed by kind.
 */
export type DeliveredHook = (tx: Tx, delivery: Delivery, now: number) => Promise<void>;

/**
 * Renders a body again from a row's metadata when it was dropped (delivered, dead or expired) and an admin retries or
 * replays it. Returns null when the row cannot be rendered again (a code mail; a customer since erased).
 */
export type BodyRenderer = (db: Db, row: OutboxRow) => Promise<unknown | null>;

export type OutboxOptions = {
  db: Db;
  now: () => number;
  handlers: Record<OutboxKind, OutboxHandler>;
  delivered?: Partial<Record<OutboxKind, DeliveredHook>>;
  /** Tries before a row is dead (OUTBOX_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** How long a try may hold a row before another process may take it (a crashed try is retried after this). */
  leaseMs?: number;
  /** Rows taken per pass of the loop. */
  batchSize?: number;
  random?: () => number;
};

export type Outbox = {
  /** Writes a row in `tx`; hands it to its handler once `tx` commits. Returns the row's id. */
  enqueue(tx: Tx, entry: OutboxEntry): Promise<string>;
  /** Tries every row that is due now; resolves with how many it tried. */
  deliverDue(): Promise<number>;
  /** Starts the loop (every `pollMs`, plus right after each enqueue). */
  start(pollMs: number): void;
  /** Stops the loop and waits for the tries in flight. */
  stop(): Promise<void>;
  /** Resolves when no try is in flight (tests). */
  idle(): Promise<void>;
  /** Whether the loop runs: started and not stopped (/readyz, issue 15 D). */
  readonly running: boolean;
  readonly maxAttempts: number;
};

/**
 * The dispatcher's own bookkeeping (a lease, a try's result) commits without waiting for the disk (decision 007's
 * "relaxed"): a power cut can forget only a lease, so the row is tried again at once, or a result, so the row is
 * delivered again with the same id and recorded then — what at-least-once already promises. The row itself, and
 * the change that caused it, are written by the causing transaction with full durability. (P9: two fsyncs per
 * delivery held the dispatcher to a third of a bare loop of signed POSTs.)
 */
const RECORDS = { durability: "relaxed" } as const;

const DEFAULT_LEASE_MS = 60_000;

/** Rows still to be tried (the only ones with a body: delivery and death drop it). */
const undelivered = inArray(outbox.status, ["pending", "failing"]);

/**
 * A code mail's body lives only until its code expires: an undelivered one whose time passed is dead ("expired"),
 * its body gone, and any body left past its time on another row is dropped too. Run by the dispatcher's passes
 * (so it happens within seconds) and by the hourly purge (services/purge.ts), which counts it. Returns how many
 * bodies went.
 */
export async function expireOutboxBodies(tx: Queries, now: number): Promise<number> {
  const dead = await tx
    .update(outbox)
    .set({ status: "dead", body: null, deadAt: now, lastError: "expired" })
    .where(and(undelivered, isNotNull(outbox.bodyExpiresAt), lte(outbox.bodyExpiresAt, now)))
    .run();
  const dropped = await tx
    .update(outbox)
    .set({ body: null })
    .where(and(isNotNull(outbox.body), isNotNull(outbox.bodyExpiresAt), lte(outbox.bodyExpiresAt, now)))
    .run();
  return dead.changes + dropped.changes;
}

/**
 * An erasure (services/anonymise.ts, in its transaction): every body of the customer's rows goes, and what had not
 * been delivered never will be ("erased"). Metadata stays (ids, template, times: the delivery log), as it holds no
 * content. Returns how many rows lost a body or a future.
 */
export async function eraseCustomerOutbox(tx: Tx, customerId: string, now: number): Promise<number> {
  const dead = await tx
    .update(outbox)
    .set({ status: "dead", body: null, deadAt: now, lastError: "erased" })
    .where(and(eq(outbox.customerId, customerId), undelivered))
    .run();
  const dropped = await tx
    .update(outbox)
    .set({ body: null })
    .where(and(eq(outbox.customerId, customerId), isNotNull(outbox.body)))
    .run();
  return dead.changes + dropped.changes;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { db, now, handlers, maxAttempts } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = options.batchSize ?? 50;
  const random = options.random ?? Math.random;
  const inFlight = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  // Only `start` sets it: an outbox that never looped (a CLI's, a test's) is not running.
  let looping = false;
  let passRunning: Promise<number> | null = null;

  function parse(row: OutboxRow): Delivery {
    return {
      ...row,
      body: row.body === null ? null : (JSON.parse(row.body) as unknown),
      params: row.params === null ? null : (JSON.parse(row.params) as Record<string, string>),
    };
  }

  /**
   * One try of a row this process holds the lease of (`lease`: the `next_attempt_at` it set when it took the row).
   * Never throws.
   */
  async function attempt(delivery: Delivery, lease: number): Promise<void> {
    let outcome: DeliveryOutcome;
    const expired = delivery.bodyExpiresAt !== null && delivery.bodyExpiresAt <= now();
    if (delivery.body === null || expired) {
      outcome = { ok: false, permanent: true, reason: expired ? "expired" : "body_gone" };
    } else {
      try {
        outcome = await handlers[delivery.kind](delivery);
      } catch (error) {
        outcome = { ok: false, permanent: false, reason: error instanceof Error ? error.message : String(error) };
      }
    }
    const attempts = delivery.attempts + 1;
    const at = now();
    const step = outboxNextStep(outcome, attempts, maxAttempts);
    try {
      await db.transaction(async (tx) => {
        if (step === "delivered") {
          // It went out, so it is recorded as delivered whoever holds the lease now (a slow try outlived it) or
          // whatever happened meanwhile (an erasure made it dead) — but only once: a second process that delivered
          // the same row again must not record a second disclosure.
          const marked = await tx
            .update(outbox)
            .set({ status: "delivered", body: null, attempts, lastAttemptAt: at, deliveredAt: at, lastError: null })
            .where(and(eq(outbox.id, delivery.id), ne(outbox.status, "delivered")))
            .run();
          if (marked.changes === 1) await options.delivered?.[delivery.kind]?.(tx, delivery, at);
        } else {
          // A reason, never content: handlers report codes and status lines, not bodies or addresses.
          const reason = outcome.ok ? null : outcome.reason.slice(0, 300);
          // A failure is recorded only while this try still holds the row: not over another process's lease (ours
          // ran out and it took the row) nor over a row that was meanwhile delivered, erased or expired.
          const stillOurs = and(eq(outbox.id, delivery.id), undelivered, eq(outbox.nextAttemptAt, lease));
          if (step === "dead") {
            await tx
              .update(outbox)
              .set({ status: "dead", body: null, attempts, lastAttemptAt: at, deadAt: at, lastError: reason })
              .where(stillOurs);
          } else {
            await tx
              .update(outbox)
              .set({
                status: "failing",
                attempts,
                lastAttemptAt: at,
                lastError: reason,
                nextAttemptAt: at + outboxRetryDelayMs(attempts, random()),
              })
              .where(stillOurs);
          }
        }
      }, RECORDS);
    } catch (error) {
      // The try happened but its result was not recorded: the lease runs out and the row is tried again, with
      // the same id, which is what at-least-once promises.
      log.error({ job: "outbox", deliveryId: delivery.id, err: error }, "outbox: could not record a delivery's result");
    }
  }

  function track(id: string, work: () => Promise<void>) {
    if (inFlight.has(id)) return;
    const p = work().finally(() => inFlight.delete(id));
    inFlight.set(id, p);
  }

  async function deliverDue(): Promise<number> {
    if (passRunning) return passRunning;
    passRunning = (async () => {
      const at = now();
      // Only undelivered rows carry a body, and the status index finds them: a cheap read on every pass, a write
      // only when a code mail's body must go.
      const expiring = await db
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(undelivered, isNotNull(outbox.bodyExpiresAt), lte(outbox.bodyExpiresAt, at)))
        .limit(1)
        .get();
      if (expiring) await db.transaction((tx) => expireOutboxBodies(tx, at));
      // Take the leases of the due rows in one statement: the lease is the claim, and `next_attempt_at` moving past
      // now takes a row out of every other dispatcher's due set. Several instances on one PostgreSQL pick at the
      // same moment: the selection locks the rows it takes and passes over those another claim holds (SKIP
      // LOCKED), so no row is claimed twice — without relying on the port's one-writer lock, which serialises
      // claims today as well. The rows come back as they are now, so a body read before an erasure, an expiry or
      // a delivery elsewhere never goes out after it. Rows this process is still trying are not taken again.
      const lease = at + leaseMs;
      const busy = JSON.stringify([...inFlight.keys()]);
      const claimed = await db.transaction(
        (tx) =>
          tx
            .update(outbox)
            .set({ nextAttemptAt: lease })
            .where(
              sql`${outbox.id} IN (
                SELECT due.id FROM ${outbox} due
                WHERE due.status IN ('pending', 'failing') AND due.next_attempt_at <= ${at}
                  AND due.id NOT IN (${jsonValues(tx, busy)})
                ORDER BY due.next_attempt_at, due.id LIMIT ${batchSize}${skipLocked(tx)})`,
            )
            .returning()
            .all(),
        RECORDS,
      );
      for (const fresh of claimed) track(fresh.id, () => attempt(parse(fresh), lease));
      const tried = claimed.length;
      await Promise.all([...inFlight.values()]);
      return tried;
    })().finally(() => {
      passRunning = null;
    });
    return passRunning;
  }

  return {
    maxAttempts,
    async enqueue(tx, entry) {
      const id = `msg_${randomToken()}`;
      const at = now();
      const row = {
        id,
        kind: entry.kind,
        topic: entry.topic,
        status: "pending" as const,
        body: JSON.stringify(entry.body),
        bodyExpiresAt: entry.bodyExpiresAt ?? null,
        customerId: entry.customerId ?? null,
        requestId: entry.requestId ?? null,
        required: entry.required ?? false,
        endpointId: entry.endpointId ?? null,
        params: entry.params ? JSON.stringify(entry.params) : null,
        attempts: 0,
        // Leased from the start: this process tries it right after commit; the loop only if that try is lost.
        nextAttemptAt: at + leaseMs,
        lastError: null,
        lastAttemptAt: null,
        createdAt: at,
        deliveredAt: null,
        deadAt: null,
      };
      await tx.insert(outbox).values(row);
      tx.afterCommit(() => {
        if (stopped) return;
        // The handler starts in this tick (a test's mailer sees the message before the response is read).
        track(id, () => attempt(parse(row), row.nextAttemptAt));
      });
      return id;
    },
    deliverDue,
    get running() {
      return looping;
    },
    start(pollMs) {
      stopped = false;
      looping = true;
      if (timer) return;
      const tick = () => {
        deliverDue()
          .catch((err: unknown) => log.error({ job: "outbox", err }, "outbox: dispatch pass failed"))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, pollMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      looping = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await passRunning?.catch(() => undefined);
      await Promise.all([...inFlight.values()]);
    },
    async idle() {
      while (inFlight.size > 0 || passRunning) {
        await Promise.all([...inFlight.values(), passRunning?.catch(() => 0)]);
      }
    },
  };
}
