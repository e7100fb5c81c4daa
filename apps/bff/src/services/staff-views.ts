import { iso, isStaffReadAction, type StaffView, staffReadActions, staffReadReasons } from "@tietoni/domain";
import { sql } from "drizzle-orm";
import type { Queries } from "../db/port.ts";

/*
 * "Staff who opened your data", defined once for the portal page and every download format: each staff read of
 * the customer's data (the domain's `staffReadActions`), whether the audit entry names them as its customer or
 * among several (a search result, a mailing list: `audit_subjects`). The role is shown, never the person.
 */

// The actions are the domain's fixed identifiers, never input, so they are written into the text.
const readActions = staffReadActions.map((action) => `'${action}'`).join(", ");

/**
 * The customer's id goes in at both `?` (the entries that name them, and those they are among). The alias is quoted:
 * PostgreSQL folds an unquoted one to lower case (issue 16).
 */
export const STAFF_VIEWS_SQL = `SELECT at, actor_role AS "staffRole", action FROM audit_log
  WHERE seq IN (SELECT seq FROM audit_log WHERE customer_id = ? UNION SELECT seq FROM audit_subjects WHERE customer_id = ?)
    AND actor_type = 'staff' AND action IN (${readActions})
  ORDER BY seq DESC`;

export type StaffViewRow = { at: number; staffRole: string | null; action: string };

/** A row of STAFF_VIEWS_SQL as the customer sees it, with why staff read their data that way. */
export function toStaffView(row: StaffViewRow): StaffView | null {
  if (!isStaffReadAction(row.action)) return null;
  return { at: iso(row.at), staffRole: row.staffRole ?? "", action: row.action, why: staffReadReasons[row.action] };
}

/** The newest `limit` staff reads of the customer's data, for the portal page (the download lists them all). */
export async function listStaffViews(q: Queries, customerId: string, limit = 200): Promise<StaffView[]> {
  const [head, middle, tail] = STAFF_VIEWS_SQL.split("?");
  const rows = await q.rows<StaffViewRow>(
    sql`${sql.raw(head ?? "")}${customerId}${sql.raw(middle ?? "")}${customerId}${sql.raw(tail ?? "")} LIMIT ${limit}`,
  );
  return rows.flatMap((row) => toStaffView(row) ?? []);
}
