import type { CustomerSearchHit } from "@tietoni/domain";
import type { Db } from "../db/client.ts";

const MAX_HITS = 50;

/**
 * Finds active customers by name, e-mail or organisation. Every word of the query must match
 * the start of a name, the e-mail or an organisation name (case-insensitive), so "ahonen heli" works.
 */
export function searchCustomers(db: Db, query: string): CustomerSearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const conditions = words.map(
    () => `(
      lower(c.first_name) LIKE ? ESCAPE '\\' OR lower(c.last_name) LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM organisation_roles r JOIN organisations o ON o.id = r.organisation_id
                 WHERE r.customer_id = c.id AND lower(o.name) LIKE ? ESCAPE '\\')
    )`,
  );
  const params = words.flatMap((w) => {
    const escaped = w.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    return [`${escaped}%`, `${escaped}%`, `%${escaped}%`, `%${escaped}%`];
  });
  const rows = db.$client
    .prepare<
      unknown[],
      { id: string; firstName: string; lastName: string; email: string; organisations: string | null }
    >(
      `SELECT c.id, c.first_name AS firstName, c.last_name AS lastName, c.email,
              (SELECT group_concat(o.name, '\u001f') FROM organisation_roles r JOIN organisations o ON o.id = r.organisation_id
               WHERE r.customer_id = c.id) AS organisations
       FROM customers c
       WHERE c.anonymised_at IS NULL AND ${conditions.join(" AND ")}
       ORDER BY c.last_name, c.first_name
       LIMIT ${MAX_HITS}`,
    )
    .all(...params);
  return rows.map((r) => ({ ...r, organisations: r.organisations ? r.organisations.split("\u001f") : [] }));
}
