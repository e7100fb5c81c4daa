import { addDays, daysLeft, helsinkiDate } from "@tietoni/domain";
import { and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import type { Queries } from "../db/port.ts";
import { outbox, requests } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { type DigestContent, type DigestEntry, staffDigestMail } from "../mail/digest-templates.ts";
import { log as logger } from "../observability/logger.ts";
import { appendAudit } from "./audit.ts";

/*
 * The daily digest to staff (issue 13): one mail to DIGEST_MAIL_TO listing the pending requests that are overdue or
 * due within a week, through the outbox like every mail. At most one per Helsinki day: the outbox row itself is the
 * record (a `staff_digest` row created that day), checked and written in one transaction, so neither a restart nor
 * the CLI and the server together send a second.
 */

/** How far ahead "due soon" looks. */
export const DIGEST_WINDOW_DAYS = 7;

/** Lines per section: a digest is read, not searched; the desk's queue has the rest. */
const MAX_LINES = 200;

const PENDING = ["received", "inProgress", "extended"] as const;

export type DigestResult =
  | { sent: true; outboxId: string; day: string; overdue: number; dueSoon: number }
  | { sent: false; reason: "not_configured" | "too_early" | "already_sent" };

let hourFormat: Intl.DateTimeFormat | undefined;

/** The hour (0–23) in Helsinki at `ms`: DIGEST_HOUR is a local hour. */
export function helsinkiHour(ms: number): number {
  hourFormat ??= new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Helsinki", hour: "2-digit", hourCycle: "h23" });
  return Number(hourFormat.format(ms));
}

/** The pending requests overdue or due within the window, soonest first (ids, types and deadlines only). */
export async function digestContent(q: Queries, now: number): Promise<DigestContent> {
  const day = helsinkiDate(now);
  const rows = await q
    .select({ id: requests.id, type: requests.type, dueOn: requests.dueOn })
    .from(requests)
    .where(and(inArray(requests.state, [...PENDING]), lte(requests.dueOn, addDays(day, DIGEST_WINDOW_DAYS))))
    .orderBy(asc(requests.dueOn), asc(requests.id))
    .all();
  const entries: DigestEntry[] = rows.map((r) => ({ ...r, daysLeft: daysLeft(r.dueOn, day) }));
  return {
    day,
    overdue: entries.filter((e) => e.daysLeft < 0),
    dueSoon: entries.filter((e) => e.daysLeft >= 0),
    windowDays: DIGEST_WINDOW_DAYS,
  };
}

/** Whether a digest row was written on the Helsinki day `day` (a day is at most 25 h; 2 days back covers it). */
async function sentOn(q: Queries, day: string, now: number): Promise<boolean> {
  const recent = await q
    .select({ createdAt: outbox.createdAt })
    .from(outbox)
    .where(and(eq(outbox.topic, "staff_digest"), gt(outbox.createdAt, now - 2 * 86_400_000)))
    .all();
  return recent.some((r) => helsinkiDate(r.createdAt) === day);
}

/**
 * Queues today's digest unless DIGEST_MAIL_TO is unset, it is before DIGEST_HOUR in Helsinki (`anyHour` skips
 * that: the CLI sends now), or one was queued today already.
 */
export async function sendStaffDigest(
  { db, env, mail }: Pick<Deps, "db" | "env" | "mail">,
  now: number,
  { anyHour = false }: { anyHour?: boolean } = {},
): Promise<DigestResult> {
  const to = env.DIGEST_MAIL_TO;
  if (!to) return { sent: false, reason: "not_configured" };
  if (!anyHour && helsinkiHour(now) < env.DIGEST_HOUR) return { sent: false, reason: "too_early" };
  return db.transaction(async (tx): Promise<DigestResult> => {
    const day = helsinkiDate(now);
    if (await sentOn(tx, day, now)) return { sent: false, reason: "already_sent" };
    const content = await digestContent(tx, now);
    const shown = {
      ...content,
      overdue: content.overdue.slice(0, MAX_LINES),
      dueSoon: content.dueSoon.slice(0, MAX_LINES),
    };
    const message = staffDigestMail(to, shown, env.staffOrigin);
    if (content.overdue.length > MAX_LINES || content.dueSoon.length > MAX_LINES)
      message.text += `\n\n(${content.overdue.length + content.dueSoon.length} yhteensä / in all; loput jonossa / the rest in the queue)`;
    const outboxId = await mail.enqueueMail(tx, message, { template: "staff_digest", params: { day } });
    // Which requests went to the mailbox, by id: the digest tells a mailbox about customers' requests.
    await appendAudit(
      tx,
      {
        actor: { type: "system" },
        action: "digest.sent",
        detail: {
          day,
          outboxId,
          overdue: content.overdue.length,
          dueSoon: content.dueSoon.length,
          requestIds: [...shown.overdue, ...shown.dueSoon].map((e) => e.id),
        },
      },
      now,
    );
    return { sent: true, outboxId, day, overdue: content.overdue.length, dueSoon: content.dueSoon.length };
  });
}

/**
 * Checks every `everyMs` (default 5 min) whether today's digest is due and not yet queued. Without DIGEST_MAIL_TO
 * it says so once and does nothing. The timer does not keep the process alive; `stop()` ends it.
 */
export function startDigestSchedule(
  deps: Pick<Deps, "db" | "env" | "mail" | "now">,
  {
    everyMs = 5 * 60_000,
    log = (line) => logger.info({ job: "digest" }, line),
  }: { everyMs?: number; log?: (line: string) => void } = {},
): { stop: () => void; ran: () => Promise<void> } {
  if (!deps.env.DIGEST_MAIL_TO) {
    log("DIGEST_MAIL_TO is not set: no daily digest of due requests is sent to staff");
    return { stop: () => undefined, ran: () => Promise.resolve() };
  }
  let last: Promise<void> = Promise.resolve();
  // Issue 16: one instance at a time on a shared database (the day's outbox row keeps it once a day regardless).
  const send = () =>
    deps.db
      .exclusive("digest", () => sendStaffDigest(deps, deps.now()))
      .then((round) => (round.ran ? round.value : { sent: false as const }));
  const run = () => {
    last = last.then(() =>
      send().then(
        (result) => {
          if (result.sent)
            log(`queued the digest of ${result.day}: ${result.overdue} overdue, ${result.dueSoon} due soon`);
        },
        (err: unknown) => logger.error({ job: "digest", err }, "the digest failed; the next check tries again"),
      ),
    );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), ran: () => last };
}
