import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { pgMigrationsFolder } from "../../paths.ts";
import type { Db } from "../port.ts";
import { postgresPort } from "./client.ts";
import { type PoolSettings, poolEngine } from "./engine.ts";

/** Held while one instance applies migrations; the others wait for it, then find nothing left to apply. */
const MIGRATION_LOCK = 0x7469_6574_6f6e_6d67n;

/**
 * The tables whose dead row versions an erasure leaves behind (issue 14 C): every table anonymiseCustomer and
 * eraseTraces delete from or rewrite (the person's own rows, the search index's copy of them, the free text staff
 * wrote, the outbox's bodies and errors, the sign-in counters). VACUUM removes them once no snapshot can see them.
 */
export const PERSONAL_TABLES = [
  "customers",
  "customer_search_docs",
  "billing_details",
  "organisation_roles",
  "ip_addresses",
  "orders",
  "invoices",
  "datum_sources",
  "customer_sessions",
  "customer_sign_ins",
  "sign_in_codes",
  "sign_in_attempts",
  "reauthentication_codes",
  "email_changes",
  "email_change_undos",
  "field_changes",
  "external_ids",
  "downloads",
  "inbound_issues",
  "requests",
  "request_events",
  "restrictions",
  "legal_holds",
  "pending_approvals",
  "outbox",
] as const;

/** Applies PostgreSQL's pending migrations under an advisory lock, so instances starting together take turns. */
export async function migratePostgres(engine: ReturnType<typeof poolEngine>): Promise<void> {
  const client = await engine.pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: pgMigrationsFolder, migrationsSchema: "public" });
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    client.release();
  }
}

/** Connects to PostgreSQL, applies pending migrations and returns the port. */
export async function openPostgres(settings: PoolSettings): Promise<Db> {
  const engine = poolEngine(settings);
  try {
    await migratePostgres(engine);
  } catch (error) {
    await engine.end().catch(() => {});
    throw error;
  }
  return postgresPort(engine, { vacuumTables: PERSONAL_TABLES });
}
