import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../services/audit.ts";
import { findCustomers, viewCustomerRecord } from "../../services/staff-customers.ts";
import { createTestContext, PORTAL_ORIGIN, type TestContext } from "../../test/test-context.ts";
import { openTestPostgres, postgresServer, testEngine } from "../../test/test-database.ts";
import type { Db } from "../port.ts";
import { auditLog, customers, orderLines, staffUsers } from "../schema.ts";
import { DEMO_CUSTOMER_EMAIL } from "../seed-demo.ts";
import { type CreatedCustomer, createCustomer } from "../test-fixtures.ts";
import { type CopyReport, copyOrder, copySqliteToPostgres, TargetNotEmptyError } from "./copy-from-sqlite.ts";
import { openPostgres } from "./open.ts";

/*
 * Issue 16: `pnpm db:copy` moves a SQLite register that was used (the demo, a customer of a test's own, sign-ins,
 * audited reads and a change) into an empty PostgreSQL database: every table arrives whole, the audit chain verifies
 * there, the BFF reads the same customer on the target and goes on writing after the copied keys, and a second
 * copy into the now non-empty database is refused. The target is PostgreSQL, so this runs in the `bff-pg` run (a
 * server's database, or PGlite without one); the SQLite run has no PostgreSQL to copy into.
 */

const onPostgres = testEngine === "postgres";

describe.skipIf(!onPostgres)("pnpm db:copy (skipped in the SQLite run: the copy's target is PostgreSQL)", () => {
  let t: TestContext;
  let customer: CreatedCustomer;
  const staff = { id: "", role: "agent", ip: null };

  beforeAll(async () => {
    t = await createTestContext({}, { engine: "sqlite" });
    // What a register in use holds beyond the seed: sessions, sign-in codes, audited reads, a change and its outbox.
    customer = await createCustomer(t.db, { orders: 3, contactPerson: true });
    const cookie = await t.signInCustomer(DEMO_CUSTOMER_EMAIL);
    expect((await t.portal.request("/api/portal/my-data", { headers: { cookie } })).status).toBe(200);
    const marketing = await t.portal.request("/api/portal/marketing", {
      method: "PUT",
      headers: { cookie, origin: PORTAL_ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ changes: [{ purpose: "marketResearch", objected: true }] }),
    });
    expect(marketing.status).toBe(200);
    await t.signInAdmin();
    const agent = await t.db.select().from(staffUsers).where(eq(staffUsers.username, "agent")).get();
    staff.id = agent?.id ?? "";
    await findCustomers(t.db, customer.lastName, staff, t.now());
    await t.db.settled();
    await t.outbox.idle();
  }, 120_000);
  afterAll(() => t?.close());

  it("leaves the target empty when the copy stops halfway, so it can be run again", async () => {
    const { db: target } = await openTestPostgres();
    try {
      const interrupted = copySqliteToPostgres(t.db, target, {
        // Stopped once customers and their first dependants are in: a failure inside the one transaction.
        onTable: ({ table }) => {
          if (table === "datum_sources") throw new Error("the connection was lost");
        },
      });
      await expect(interrupted).rejects.toThrow("the connection was lost");
      for (const table of [customers, auditLog, orderLines])
        expect((await target.select({ n: count() }).from(table).get())?.n).toBe(0);
      expect((await target.row<{ n: number }>(sql`SELECT count(*) AS n FROM customer_search_docs`))?.n).toBe(0);
    } finally {
      await target.close();
    }
  });

  describe("a whole copy", () => {
    let target: Db;
    let targetUrl: string;
    let report: CopyReport;

    beforeAll(async () => {
      ({ db: target, url: targetUrl } = await openTestPostgres());
      // Seven rows a page: every table of more than a page is read and written in several, the last one short.
      report = await copySqliteToPostgres(t.db, target, { batchRows: 7 });
    }, 120_000);
    afterAll(() => target?.close());

    it("copies every table of the schema, parents first, and the row counts agree", async () => {
      const order = copyOrder().map((table) => table.name);
      expect(report.tables.map((table) => table.table)).toEqual([...order, "customer_search_docs"]);
      for (const table of report.tables) {
        const [row] = await t.db.rows<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table.table)}`);
        expect({ table: table.table, source: table.source, target: table.target }).toEqual({
          table: table.table,
          source: row?.n,
          target: row?.n,
        });
      }
      // Foreign keys point backwards in the order: a customer's orders come after the customer.
      expect(order.indexOf("customers")).toBeLessThan(order.indexOf("orders"));
      expect(order.indexOf("orders")).toBeLessThan(order.indexOf("order_lines"));
      expect(order.indexOf("audit_log")).toBeLessThan(order.indexOf("audit_subjects"));
      const nonEmpty = report.tables.filter((table) => table.target > 0).map((table) => table.table);
      expect(nonEmpty).toEqual(
        expect.arrayContaining(["customers", "orders", "audit_log", "audit_subjects", "customer_sessions", "outbox"]),
      );
    });

    it("verifies the audit chain on the target as it verified on the source", async () => {
      expect(report.sourceChain.ok).toBe(true);
      expect(report.targetChain.ok).toBe(true);
      // The staff search of beforeAll is among the entries copied.
      expect((await target.select().from(auditLog).where(eq(auditLog.action, "customer.search")).all()).length).toBe(1);
      expect(report.targetChain.entries).toBe(report.sourceChain.entries);
      expect(report.targetChain.lastSeq).toBe(report.sourceChain.lastSeq);
    });

    it("serves the copied register: the same record, and the search index the target derived", async () => {
      // A server started on the target opens it anew (its migrations find nothing to do); PGlite lives in memory.
      if (postgresServer) {
        await target.close();
        target = await openPostgres({
          url: targetUrl,
          poolSize: 4,
          statementTimeoutMs: 60_000,
          idleInTransactionMs: 0,
          ssl: "disable",
        });
      }
      const now = t.now();
      const onSource = await viewCustomerRecord(t.db, customer.id, staff, now);
      const onTarget = await viewCustomerRecord(target, customer.id, staff, now);
      expect(onTarget.ok).toBe(true);
      expect(onTarget).toEqual(onSource);
      // The staff search reads customer_search_docs, which the target's triggers derived from the copied rows.
      const doc = (db: Db) =>
        db.row(
          sql`SELECT first_name AS "firstName", last_name AS "lastName", email, organisations
              FROM customer_search_docs WHERE customer_id = ${customer.id}`,
        );
      expect(await doc(target)).toEqual(await doc(t.db));
      expect(await doc(target)).toMatchObject({
        lastName: customer.lastName,
        organisations: customer.organisation?.name,
      });
    });

    it("goes on after the copied keys: new rows get new ones and the chain stays one", async () => {
      const before = await target.select({ n: count() }).from(auditLog).get();
      const lines = await target.select({ n: count() }).from(orderLines).get();
      const rowid = async (id: string) =>
        (await target.row<{ rowid: number }>(sql`SELECT rowid FROM ${customers} WHERE id = ${id}`))?.rowid ?? 0;
      const copiedRowids = await target.row<{ last: number }>(sql`SELECT max(rowid) AS last FROM ${customers}`);
      // Integer keys (order lines, audit seq) and the rowid of tables without one (customers) all come from sequences.
      const added = await createCustomer(target, { orders: 2 });
      await viewCustomerRecord(target, customer.id, staff, t.now());
      expect((await target.select({ n: count() }).from(orderLines).get())?.n).toBeGreaterThan(lines?.n ?? 0);
      const verdict = await verifyAuditChain(target);
      expect(verdict.ok).toBe(true);
      expect(verdict.entries).toBe((before?.n ?? 0) + 1);
      expect(copiedRowids?.last).toBeGreaterThan(0);
      expect(await rowid(added.id)).toBe((copiedRowids?.last ?? 0) + 1);
    });

    it("refuses a second copy into a database that holds a register", async () => {
      const rows = await target.select({ n: count() }).from(customers).get();
      await expect(copySqliteToPostgres(t.db, target)).rejects.toBeInstanceOf(TargetNotEmptyError);
      await expect(copySqliteToPostgres(t.db, target)).rejects.toThrow(/not empty \(rows in .*customers/);
      expect(await target.select({ n: count() }).from(customers).get()).toEqual(rows);
    });
  });
});
