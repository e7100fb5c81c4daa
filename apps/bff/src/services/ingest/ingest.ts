import { and, eq } from "drizzle-orm";
import { randomToken } from "../../auth/tokens.ts";
import type { Db } from "../../db/port.ts";
import { customers, externalIds, inboundIssues } from "../../db/schema.ts";
import type { InboundRow, IngestOptions, IngestRun, RowResult } from "./contract.ts";

/*
 * TEMPORARY (helper B's branch only): a minimal stand-in for helper A's ingest service, so the import's tests run
 * before the merge. It creates new customers with their external id and calls every known one "unchanged"; the
 * lead replaces this file with A's at merge. B's tests expect nothing A's full version would not also do.
 */

class DryRunRollback extends Error {}

export async function ingestRows(
  db: Db,
  run: IngestRun,
  rows: readonly InboundRow[],
  now: number,
  options: IngestOptions = {},
): Promise<RowResult[]> {
  let results: RowResult[] = [];
  try {
    await db.transaction(async (tx) => {
      results = [];
      for (const row of rows) {
        const base = { index: row.index, conflicts: [], code: null };
        if ("customerId" in row.key) {
          const found = await tx
            .select({ id: customers.id })
            .from(customers)
            .where(eq(customers.id, row.key.customerId))
            .get();
          if (found) {
            results.push({ ...base, outcome: "unchanged", customerId: found.id });
            continue;
          }
          results.push({ ...base, outcome: "refused", customerId: null, code: "not_found" });
          await tx.insert(inboundIssues).values({
            systemId: run.system.id,
            channel: run.channel,
            importId: run.importId,
            line: row.index,
            kind: "refused",
            code: "not_found",
            createdAt: now,
          });
          continue;
        }
        const known = await tx
          .select({ localId: externalIds.localId })
          .from(externalIds)
          .where(
            and(
              eq(externalIds.systemId, run.system.id),
              eq(externalIds.kind, "customer"),
              eq(externalIds.externalId, row.key.externalId),
            ),
          )
          .get();
        if (known) {
          results.push({ ...base, outcome: "unchanged", customerId: known.localId });
          continue;
        }
        const r = row.record;
        const id = randomToken();
        await tx.insert(customers).values({
          id,
          firstName: r.first_name ?? "",
          lastName: r.last_name ?? "",
          email: r.email?.toLowerCase() ?? null,
          relationshipStart: r.relationship_start ?? new Date(now).toISOString().slice(0, 10),
          createdAt: now,
        });
        await tx.insert(externalIds).values({
          systemId: run.system.id,
          kind: "customer",
          externalId: row.key.externalId,
          localId: id,
          createdAt: now,
        });
        results.push({ ...base, outcome: "new", customerId: id });
      }
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return results;
}
