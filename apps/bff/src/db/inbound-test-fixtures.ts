import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { registerConnectedSystem } from "../services/connected-systems.ts";
import type { IngestRun } from "../services/ingest/contract.ts";
import { ingestRows } from "../services/ingest/ingest.ts";
import { createOutbox } from "../services/outbox/outbox.ts";
import type { Db } from "./port.ts";
import { customers, fieldChanges } from "./schema.ts";
import { uniqueLetters } from "./test-fixtures.ts";

/*
 * TEST ONLY (issue 12): a conflict on the desk's inbox of incoming data, made the way it happens: a connected
 * system's import creates a customer, the customer changes their phone, and the system then sends an older value,
 * which the ingest service keeps back and reports. Used by the browser test (e2e/staff-inbound.spec.ts).
 */
export async function createInboundConflict(db: Db, suppressionKey: string) {
  const letters = uniqueLetters();
  const lastName = `Saapuva-${letters}`;
  const system = await db.transaction((tx) =>
    registerConnectedSystem(
      tx,
      { name: `CRM ${letters}`, party: { kind: "source", id: "partnerDigital" } },
      { type: "system" },
      Date.now(),
    ),
  );
  const run: IngestRun = {
    system: { id: system.id, name: system.name },
    channel: "import",
    actor: { type: "system" },
    importId: null,
    receivedAt: Date.now(),
    suppressionKey,
  };
  // The events the import writes are left to the server under test: its loop takes them once their lease runs out.
  const refuse = async () => ({ ok: false as const, permanent: false, reason: "fixture" });
  const outbox = createOutbox({ db, now: Date.now, maxAttempts: 12, handlers: { mail: refuse, webhook: refuse } });
  await outbox.stop();
  const externalId = `test-${letters}`;
  const [created] = await ingestRows(
    { db, outbox },
    run,
    [
      {
        index: 1,
        key: { externalId },
        record: {
          first_name: "Iida",
          last_name: lastName,
          email: `${letters}@example.com`,
          phone: "+358401111111",
          updated_at: "2026-01-01T00:00:00Z",
        },
      },
    ],
    Date.now(),
  );
  const id = created?.customerId as string;
  const own = `+35845${randomInt(1_000_000, 10_000_000)}`;
  await db.update(customers).set({ phone: own }).where(eq(customers.id, id));
  await db.insert(fieldChanges).values({
    customerId: id,
    field: "phone",
    oldValue: "+358401111111",
    newValue: own,
    at: Date.parse("2026-01-10T00:00:00Z"),
    actorType: "customer",
    actorId: id,
  });
  const incoming = "+358409999999";
  const [result] = await ingestRows(
    { db, outbox },
    run,
    [{ index: 2, key: { externalId }, record: { phone: incoming, updated_at: "2026-01-05T00:00:00Z" } }],
    Date.now(),
  );
  if (result?.outcome !== "conflict") throw new Error(`createInboundConflict: got ${result?.outcome}`);
  return { id, name: `Iida ${lastName}`, own, incoming, system: system.name };
}

/** The customer's phone now. */
export async function phoneOf(db: Db, id: string): Promise<string | null | undefined> {
  return (await db.select({ phone: customers.phone }).from(customers).where(eq(customers.id, id)).get())?.phone;
}
