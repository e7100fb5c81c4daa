import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { auditLog, staffUsers } from "../../db/schema.ts";
import { clientInfo } from "../../http/client-info.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { appendAudit, verifyAuditChain } from "../../services/audit.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const DAY = 86_400_000;

/** A filter's empty form field arrives as ""; it means "no filter", not bad input. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const auditQuerySchema = z.object({
  actorId: optional(z.string().regex(/^[a-z0-9-]{1,64}$/, "id_invalid")),
  /** An action or a prefix of dot-separated parts: "staff" matches "staff.created" and "staff.sign_in". */
  action: optional(
    z
      .string()
      .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, "invalid_input")
      .max(100, "too_long"),
  ),
  customerId: optional(z.string().regex(/^c[0-9]{7,}$/, "id_invalid")),
  /** Calendar days in Finnish time, both inclusive. */
  from: optional(z.iso.date("date_invalid")),
  to: optional(z.iso.date("date_invalid")),
  /** The `nextBefore` of the previous page. */
  before: optional(z.coerce.number().int("invalid_input").positive("invalid_input")),
  limit: optional(z.coerce.number().int("invalid_input").min(1, "invalid_input").max(100, "invalid_input")),
});

const nextDay = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/** UTC milliseconds of 00:00 in Helsinki on a calendar day (DST changes at 03:00/04:00, never at midnight). */
function helsinkiMidnight(isoDate: string): number {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Helsinki",
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(utcMidnight);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  // At UTC midnight Helsinki reads +2 or +3 hours; its own midnight came that much earlier.
  return utcMidnight - (hour * 60 + minute) * 60_000;
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : {};
  } catch {
    // An unreadable detail must not hide the rest of the trail; verification reports the tampering.
    return {};
  }
}

/**
 * The hash-chained audit trail for administrators: browse with filters, newest first, and verify the chain.
 * Both are audited themselves: reading the trail is a read of who handled whose data.
 */
export function auditRoutes({ db, env, now, requireStaff }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("audit:read"))
    .get("/", validate("query", auditQuerySchema), (c) => {
      const query = c.req.valid("query");
      const limit = query.limit ?? 50;
      const conditions: SQL[] = [];
      if (query.actorId) conditions.push(eq(auditLog.actorId, query.actorId));
      if (query.action) {
        const prefix = `${query.action}.`;
        conditions.push(
          sql`(${auditLog.action} = ${query.action} OR substr(${auditLog.action}, 1, ${prefix.length}) = ${prefix})`,
        );
      }
      if (query.customerId) conditions.push(eq(auditLog.customerId, query.customerId));
      if (query.from) conditions.push(gte(auditLog.at, helsinkiMidnight(query.from)));
      if (query.to) conditions.push(lt(auditLog.at, helsinkiMidnight(nextDay(query.to))));
      if (query.before) conditions.push(lt(auditLog.seq, query.before));
      const { id, role } = c.get("subject");
      const rows = db.transaction((tx) => {
        const page = tx
          .select({
            seq: auditLog.seq,
            at: auditLog.at,
            actorType: auditLog.actorType,
            actorId: auditLog.actorId,
            actorName: staffUsers.displayName,
            actorRole: auditLog.actorRole,
            action: auditLog.action,
            customerId: auditLog.customerId,
            detail: auditLog.detail,
            ip: auditLog.ip,
          })
          .from(auditLog)
          // Only staff actors are named: a customer's name stays out of the trail's view.
          .leftJoin(staffUsers, and(eq(auditLog.actorType, "staff"), eq(staffUsers.id, auditLog.actorId)))
          .where(and(...conditions))
          .orderBy(desc(auditLog.seq))
          .limit(limit + 1)
          .all();
        appendAudit(
          tx,
          {
            actor: { type: "staff", id, role },
            action: "audit.viewed",
            // The filters (a customer id among them) stay in the detail: the customer's own log lists reads of
            // their record, not an admin's look at the trail.
            detail: { filters: query, shown: Math.min(page.length, limit) },
            ip: clientInfo(c, env.TRUST_PROXY).ip,
          },
          now(),
        );
        return page;
      });
      const entries = rows.slice(0, limit).map((row) => ({
        ...row,
        at: new Date(row.at).toISOString(),
        detail: parseDetail(row.detail),
      }));
      const nextBefore = rows.length > limit ? (entries.at(-1)?.seq ?? null) : null;
      return c.json({ entries, nextBefore }, 200);
    })
    .post("/verify", (c) => {
      const { id, role } = c.get("subject");
      const verdict = verifyAuditChain(db);
      appendAudit(
        db,
        {
          actor: { type: "staff", id, role },
          action: "audit.verified",
          detail: { ...verdict },
          ip: clientInfo(c, env.TRUST_PROXY).ip,
        },
        now(),
      );
      return c.json(verdict, 200);
    });
}
