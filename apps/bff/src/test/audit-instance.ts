import { sql } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { recordAudit } from "../services/audit.ts";

const entriesBy = async (db: Db, label: string) =>
  Number(
    (
      await db.row<{ n: number }>(
        sql`SELECT count(*) AS n FROM audit_log WHERE detail = ${JSON.stringify({ instance: label })}`,
      )
    )?.n ?? 0,
  );

/**
 * One instance's part of services/audit-instances.test.ts: `count` audited entries labelled `label`, half of them,
 * then — once the instance `other` has written its half too — the rest. The halfway wait makes the two instances'
 * entries interleave however the machine schedules them, and starts both second halves at the same moment.
 */
export async function appendAgainst(db: Db, label: string, other: string, count: number, now: () => number) {
  const half = Math.floor(count / 2);
  const append = () =>
    recordAudit(db, { actor: { type: "system" }, action: "maintenance.purged", detail: { instance: label } }, now());
  for (let i = 0; i < half; i++) await append();
  const deadline = Date.now() + 30_000;
  while ((await entriesBy(db, other)) < half) {
    if (Date.now() > deadline) throw new Error(`instance ${other} never wrote its first half`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  for (let i = half; i < count; i++) await append();
}
