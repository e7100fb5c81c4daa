import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { verifyAuditChain } from "./audit.ts";
import { mailingListBatches, mailingListCsv, mailingListCsvLine } from "./mailing-list.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const NOW = Date.UTC(2026, 10, 25, 10, 0, 0);
const actor = { id: "staff-admin", role: "admin", ip: null };
const BATCH = 5;

/** The customers an export's audit entries (from `since` on) name, and those the disclosure log has it send. */
async function recorded(since: number) {
  const audited = await t.db.rows<{ id: string }>(
    sql`SELECT s.customer_id AS id FROM audit_subjects s JOIN audit_log a ON a.seq = s.seq
        WHERE a.seq > ${since} AND a.action = 'mailing_list.exported' ORDER BY s.customer_id`,
  );
  const disclosed = await t.db.rows<{ id: string }>(
    sql`SELECT customer_id AS id FROM disclosures WHERE channel = 'mailing_list' AND at = ${NOW} ORDER BY customer_id`,
  );
  return { audited: audited.map((r) => r.id), disclosed: disclosed.map((r) => r.id) };
}

describe("the mailing-list export is audited before the data leaves (issue 14 item 9)", () => {
  it("has audited the customers of a batch when the download is cut off after it, and no customer not yet read", async () => {
    // Which customer each CSV line is, and the register's first two batches as the export walks it.
    const lineOf = new Map<string, string>();
    const batches: string[][] = [];
    for await (const batch of mailingListBatches(t.db, t.env.suppressionKey, "opinionPolls", BATCH)) {
      for (const row of batch.eligible) lineOf.set(mailingListCsvLine(row).trimEnd(), row.id);
      batches.push(batch.eligible.map((r) => r.id));
    }
    const [first = [], second = []] = batches;
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);

    const since = await t.lastAuditSeq();
    const reader = mailingListCsv(t.db, t.env.suppressionKey, "opinionPolls", actor, () => NOW, BATCH).getReader();
    const header = await reader.read();
    expect(new TextDecoder().decode(header.value)).toContain("first_name");
    const chunk = await reader.read();
    const sent = new TextDecoder()
      .decode(chunk.value)
      .trimEnd()
      .split("\r\n")
      .map((line) => lineOf.get(line) ?? line)
      .sort();
    // Every customer whose line has reached the reader is in the trail and the disclosure log already, before
    // the download ends.
    expect(await recorded(since)).toEqual({ audited: sent, disclosed: sent });
    expect(sent).toEqual([...first].sort());

    // The download is cut off: nobody of the next batch was read, so nobody of it is in the trail.
    await reader.cancel();
    const after = await recorded(since);
    expect(after).toEqual({ audited: sent, disclosed: sent });
    for (const id of second) expect(after.audited).not.toContain(id);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("audits a complete file part by part, the last part saying it ended the file", async () => {
    const eligible: string[] = [];
    for await (const batch of mailingListBatches(t.db, t.env.suppressionKey, "opinionPolls", BATCH)) {
      eligible.push(...batch.eligible.map((r) => r.id));
    }
    const since = await t.lastAuditSeq();
    const text = await new Response(
      mailingListCsv(t.db, t.env.suppressionKey, "opinionPolls", actor, () => NOW + 1, BATCH),
    ).text();
    expect(text.trimEnd().split("\r\n").length - 1).toBe(eligible.length);
    const entries = await t.auditSince(since);
    expect(entries.length).toBeGreaterThan(1);
    const details = entries.map((e) => JSON.parse(e.detail ?? "{}") as { part: number; count: number; last: boolean });
    expect(details.map((d) => d.last)).toEqual([...details.map(() => false).slice(1), true]);
    expect(details.reduce((sum, d) => sum + d.count, 0)).toBe(eligible.length);
    const audited = await t.db.rows<{ id: string }>(
      sql`SELECT s.customer_id AS id FROM audit_subjects s WHERE s.seq > ${since} ORDER BY s.customer_id`,
    );
    expect(audited.map((r) => r.id)).toEqual([...eligible].sort());
  });
});
