import { execFile } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { serve } from "@hono/node-server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, externalIds, invoices, marketingObjections, orders } from "../db/schema.ts";
import { createApiClient } from "../db/test-fixtures.ts";
import { repoRoot } from "../env.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";

/*
 * The committed example client (examples/integration-client/sync.mjs) run as a connected system would run it: a
 * separate Node process calling the staff listener over HTTP with a client's token. The register must hold what it
 * sent, and a second run must change nothing (its calls are replayed by Idempotency-Key).
 */

const run = promisify(execFile);
const SCRIPT = path.join(repoRoot, "examples/integration-client/sync.mjs");

let t: TestContext;
let server: ReturnType<typeof serve>;
let baseUrl = "";

beforeAll(async () => {
  t = await createTestContext();
  server = serve({ fetch: t.staff.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/integration/v1`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe("the example integration client", () => {
  it("syncs customers, an order, an invoice and its payment, and an objection; a rerun changes nothing", async () => {
    const client = await createApiClient(t.db, {
      systemName: "Example CRM",
      scopes: ["customers:write", "orders:write", "invoices:write", "objections:write", "register:read"],
    });
    const env = { ...process.env, TIETONI_API_URL: baseUrl, TIETONI_API_TOKEN: client.token, EXAMPLE_PREFIX: "ex" };
    const first = await run(process.execPath, [SCRIPT], { env, timeout: 60_000 });
    expect(first.stdout).toContain("customers: new 2");
    expect(first.stdout).toContain("register holds ex-1001: invoices EX-7001 paid; objections directMarketing");

    const aada = await t.db.select().from(customers).where(eq(customers.email, "aada.esimerkki.ex@example.com")).get();
    expect(aada).toMatchObject({ firstName: "Aada", city: "Helsinki", language: "fi" });
    const mapped = await t.db
      .select()
      .from(externalIds)
      .where(and(eq(externalIds.systemId, client.systemId), eq(externalIds.externalId, "ex-1001")))
      .get();
    expect(mapped?.localId).toBe(aada?.id);
    expect(await t.db.select().from(orders).where(eq(orders.orderNumber, "EX-5001")).get()).toMatchObject({
      customerId: aada?.id,
      totalCents: 4990,
    });
    expect(await t.db.select().from(invoices).where(eq(invoices.invoiceNumber, "EX-7001")).get()).toMatchObject({
      customerId: aada?.id,
      status: "paid",
      paidAt: "2026-01-20",
    });
    const objection = await t.db
      .select()
      .from(marketingObjections)
      .where(
        and(eq(marketingObjections.customerId, aada?.id ?? ""), eq(marketingObjections.purpose, "directMarketing")),
      )
      .get();
    expect(objection?.objected).toBe(true);

    const seq = await t.lastAuditSeq();
    const second = await run(process.execPath, [SCRIPT], { env, timeout: 60_000 });
    expect(second.stdout.match(/\(replayed\)/g)).toHaveLength(5);
    // Only the read at the end is a new call.
    expect((await t.auditSince(seq)).map((e) => e.action)).toEqual(["integration.called"]);
  }, 90_000);

  it("says what to set when no token is given", async () => {
    const env = { ...process.env, TIETONI_API_URL: baseUrl, TIETONI_API_TOKEN: "" };
    await expect(run(process.execPath, [SCRIPT], { env })).rejects.toMatchObject({ code: 2 });
  });
});
