import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { customers, externalIds, imports, inboundIssues } from "../../db/schema.ts";
import { createTestContext } from "../../test/test-context.ts";
import { getImport, HEARTBEAT_STALE_MS, type ImportRequest, runImport } from "./run-import.ts";

const HEADER = "external_id,first_name,last_name,email,relationship_start";
let ctx: Awaited<ReturnType<typeof createTestContext>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-import-test-"));
let fileNo = 0;

/** A file of the given content in the test's temp folder. */
function file(content: string | Buffer, ext = "csv") {
  const p = path.join(dir, `f${++fileNo}.${ext}`);
  fs.writeFileSync(p, content);
  return p;
}

/** A customers CSV of `n` rows whose ids and e-mails start with `tag`. */
function customersCsv(tag: string, n: number) {
  const lines = [HEADER];
  for (let i = 1; i <= n; i++)
    lines.push(`${tag}-${i},Etu${i},Suku${i},${tag}-${i}@example.test,2024-01-0${(i % 9) + 1}`);
  return `${lines.join("\n")}\n`;
}

const request = (filePath: string, over: Partial<ImportRequest> = {}): ImportRequest => ({
  filePath,
  fileName: path.basename(filePath),
  systemName: "CRM",
  dryRun: false,
  acceptValid: false,
  actor: { type: "system" },
  ...over,
});

const run = async (filePath: string, over: Partial<ImportRequest> = {}) => {
  const r = await runImport(ctx, request(filePath, over));
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  return r.report;
};

const customerCount = () => ctx.db.$count(customers);

beforeAll(async () => {
  ctx = await createTestContext({ IMPORT_BATCH_ROWS: "2" });
});

describe("a clean file", () => {
  it("dry run: reports what would happen, registers the named system, writes nothing to the register", async () => {
    const before = await customerCount();
    const seq = await ctx.lastAuditSeq();
    const report = await run(file(customersCsv("dry", 3)), { dryRun: true, systemName: "Web shop" });
    expect(report).toMatchObject({ state: "validated", systemCreated: true, totalRows: 3, doneRows: 0 });
    expect(report.system.name).toBe("Web shop");
    expect(report.counts).toMatchObject({ new: 3, refused: 0 });
    expect(await customerCount()).toBe(before);
    const actions = (await ctx.auditSince(seq)).map((e) => e.action);
    expect(actions).toEqual(["connected_system.registered", "import.dry_run"]);
  });

  it("applied: new customers with the system's ids, audited with the digest; a second run changes nothing", async () => {
    const before = await customerCount();
    const csv = file(customersCsv("crm", 5));
    const seq = await ctx.lastAuditSeq();
    const report = await run(csv);
    expect(report).toMatchObject({ state: "done", totalRows: 5, doneRows: 5, systemCreated: true });
    expect(report.counts).toMatchObject({ new: 5, refused: 0 });
    expect(await customerCount()).toBe(before + 5);
    const ids = await ctx.db.select().from(externalIds).where(eq(externalIds.systemId, report.system.id)).all();
    expect(ids.map((r) => r.externalId).sort()).toEqual(["crm-1", "crm-2", "crm-3", "crm-4", "crm-5"]);
    const entries = await ctx.auditSince(seq);
    const started = entries.find((e) => e.action === "import.started");
    const finished = entries.find((e) => e.action === "import.finished");
    expect(JSON.parse(started?.detail ?? "{}")).toMatchObject({
      fileDigest: report.fileDigest,
      importId: report.importId,
    });
    expect(JSON.parse(finished?.detail ?? "{}")).toMatchObject({ state: "done", counts: { new: 5 } });

    const again = await run(csv);
    expect(again).toMatchObject({ state: "done", systemCreated: false, resumedFrom: null });
    expect(again.counts).toMatchObject({ new: 0, unchanged: 5 });
    expect(await customerCount()).toBe(before + 5);
  });

  it("JSON Lines: one record a line, blank lines skipped", async () => {
    const lines = [
      JSON.stringify({ external_id: "j-1", first_name: "Aino", last_name: "Jsonl", relationship_start: "2023-05-01" }),
      "",
      JSON.stringify({ external_id: "j-2", first_name: "Eino", last_name: "Jsonl", relationship_start: "2023-05-02" }),
    ];
    const report = await run(file(`${lines.join("\n")}\n`, "jsonl"), { systemName: "Billing" });
    expect(report).toMatchObject({ kind: "records_jsonl", state: "done", totalRows: 2 });
    expect(report.counts.new).toBe(2);
  });
});

describe("bad input: a clear report and no change", () => {
  const expectRefusedFile = async (filePath: string, code: string, line: number | null, field?: string) => {
    const before = await customerCount();
    const report = await run(filePath, { kind: "customers_csv" });
    expect(report.state).toBe("refused");
    expect(report.fileError).toMatchObject({ code, line, ...(field ? { field } : {}) });
    expect(report.fileError?.message.en.length).toBeGreaterThan(10);
    expect(await customerCount()).toBe(before);
    const back = await getImport(ctx.db, report.importId, ctx.now());
    expect(back?.state).toBe("refused");
    expect(back?.fileError?.code).toBe(code);
  };

  it("UTF-16 (with a byte-order mark) is refused as not UTF-8", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(customersCsv("u16", 2), "utf16le")]);
    await expectRefusedFile(file(utf16), "import_encoding", 1);
  });

  it("Latin-1 text is refused at the line of its first non-UTF-8 byte", async () => {
    const latin1 = Buffer.from(`${HEADER}\nl-1,Aino,A,l1@example.test,2024-01-01\nl-2,Jörö,B,,2024-01-01\n`, "latin1");
    await expectRefusedFile(file(latin1), "import_encoding", 3);
  });

  it("semicolons or tabs instead of commas are a wrong delimiter", async () => {
    await expectRefusedFile(file(`${HEADER.replaceAll(",", ";")}\ns-1;Aino;A;;2024-01-01\n`), "import_delimiter", 1);
    await expectRefusedFile(
      file(`${HEADER.replaceAll(",", "\t")}\nt-1\tAino\tA\t\t2024-01-01\n`),
      "import_delimiter",
      1,
    );
  });

  it("a missing required column, an unknown column and a repeated column name it", async () => {
    await expectRefusedFile(file("first_name,last_name\nAino,A\n"), "import_column_missing", 1, "external_id");
    await expectRefusedFile(
      file("external_id,first_name,shoe_size\nx-1,Aino,42\n"),
      "import_column_unknown",
      1,
      "shoe_size",
    );
    await expectRefusedFile(
      file("external_id,first_name,first_name\nx-1,A,B\n"),
      "import_column_repeated",
      1,
      "first_name",
    );
  });

  it("an empty file", async () => {
    await expectRefusedFile(file(""), "import_empty", null);
  });

  it("a 20 MB line stops the file at that line without holding it (CSV and JSON Lines)", async () => {
    const long = `${HEADER}\nok-1,Aino,A,,2024-01-01\nlong-1,${"x".repeat(20 * 1024 * 1024)},B,,2024-01-01\n`;
    await expectRefusedFile(file(long), "import_line_too_long", 3);
    const before = await customerCount();
    const jsonl = `${JSON.stringify({ external_id: "ok", first_name: "A", last_name: "B", relationship_start: "2024-01-01" })}\n{"external_id":"${"y".repeat(20 * 1024 * 1024)}"}\n`;
    const report = await run(file(jsonl, "jsonl"));
    expect(report).toMatchObject({ state: "refused", fileError: { code: "import_line_too_long", line: 2 } });
    expect(await customerCount()).toBe(before);
  });

  it("a duplicated external_id refuses every row that carries it, and the file with them", async () => {
    const before = await customerCount();
    const csv = `${HEADER}\nd-1,Aino,A,,2024-01-01\nd-2,Eino,B,,2024-01-01\nd-1,Aino,C,,2024-01-01\n`;
    const report = await run(file(csv));
    expect(report.state).toBe("refused");
    expect(report.fileError).toBeNull();
    expect(report.counts.refused).toBe(2);
    expect(report.issues.map((i) => [i.line, i.externalId, i.code])).toEqual([
      [2, "d-1", "import_duplicate_external_id"],
      [4, "d-1", "import_duplicate_external_id"],
    ]);
    expect(await customerCount()).toBe(before);
  });

  it("a file whose kind cannot be told is refused before anything is recorded", async () => {
    const r = await runImport(ctx, request(file("name,age\nA,1\n")));
    expect(r).toMatchObject({ ok: false, status: 422, code: "import_kind_unknown" });
  });
});

describe("row errors", () => {
  const mixed = () =>
    file(
      `${HEADER}\nm-1,Aino,A,m1@example.test,2024-01-01\nm-2,Eino,B,not-an-email,2024-01-01\nm-3,Toivo,C,,2024-13-01\nm-4,Onni,D,,2024-01-01,extra\nm-5,Ilmari,E,,2024-01-01\n`,
    );

  it("refuse the file unless accept-valid, with each row's line, field and translated reason", async () => {
    const before = await customerCount();
    const report = await run(mixed());
    expect(report.state).toBe("refused");
    expect(report.counts.refused).toBe(3);
    expect(report.issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [3, "email", "email_invalid"],
      [4, "relationship_start", "date_invalid"],
      [5, null, "import_cell_count"],
    ]);
    expect(report.issues[0]?.message.fi).not.toBe(report.issues[0]?.message.en);
    expect(await customerCount()).toBe(before);
    const stored = await ctx.db
      .select()
      .from(inboundIssues)
      .where(and(eq(inboundIssues.importId, report.importId), eq(inboundIssues.kind, "refused")))
      .all();
    expect(stored.map((r) => r.line).sort()).toEqual([3, 4, 5]);
  });

  it("with accept-valid, apply the valid rows and report the refused ones", async () => {
    const before = await customerCount();
    const report = await run(mixed(), { acceptValid: true, systemName: "CRM accept" });
    expect(report.state).toBe("done");
    expect(report.counts).toMatchObject({ new: 2, refused: 3 });
    expect(report.issues.map((i) => i.line)).toEqual([3, 4, 5]);
    expect(await customerCount()).toBe(before + 2);
  });
});

describe("batches, progress and interruption", () => {
  it("applies in batches of IMPORT_BATCH_ROWS, recording progress after each", async () => {
    const seen: number[] = [];
    const r = await runImport(ctx, request(file(customersCsv("b", 5)), { systemName: "Batches" }), async (p) => {
      seen.push(p.doneRows);
      const row = await ctx.db.select().from(imports).where(eq(imports.id, p.importId)).get();
      expect(row?.state).toBe("applying");
      expect(row?.doneRows).toBe(p.doneRows);
    });
    expect(r.ok).toBe(true);
    expect(seen).toEqual([2, 4, 5]);
  });

  it("a run stopped after a batch says interrupted; the same file again goes on from there", async () => {
    const csv = file(customersCsv("int", 5));
    const before = await customerCount();
    let firstId = "";
    await expect(
      runImport(ctx, request(csv, { systemName: "Interrupted" }), (p) => {
        firstId = p.importId;
        throw new Error("the process stops");
      }),
    ).rejects.toThrow("the process stops");
    expect(await customerCount()).toBe(before + 2);
    expect((await getImport(ctx.db, firstId, ctx.now()))?.state).toBe("interrupted");

    const report = await run(csv, { systemName: "Interrupted" });
    expect(report).toMatchObject({ state: "done", resumedFrom: firstId, doneRows: 5 });
    expect(report.counts.new).toBe(5);
    expect(await customerCount()).toBe(before + 5);
    expect((await getImport(ctx.db, firstId, ctx.now()))?.state).toBe("interrupted");
  });

  it("a crashed run (applying, no heartbeat) shows as interrupted; while it lives, a rerun is refused", async () => {
    const csv = file(customersCsv("crash", 4));
    let id = "";
    await expect(
      runImport(ctx, request(csv, { systemName: "Crashed" }), (p) => {
        id = p.importId;
        throw new Error("kill -9");
      }),
    ).rejects.toThrow();
    // As a killed process leaves it: still `applying`, with its last heartbeat.
    await ctx.db.update(imports).set({ state: "applying", heartbeatAt: ctx.now() }).where(eq(imports.id, id));
    expect((await getImport(ctx.db, id, ctx.now()))?.state).toBe("applying");
    expect(await runImport(ctx, request(csv, { systemName: "Crashed" }))).toMatchObject({
      ok: false,
      status: 409,
      code: "import_running",
    });
    ctx.advance(HEARTBEAT_STALE_MS + 1000);
    expect((await getImport(ctx.db, id, ctx.now()))?.state).toBe("interrupted");
    const report = await run(csv, { systemName: "Crashed" });
    expect(report).toMatchObject({ state: "done", resumedFrom: id });
    expect(report.counts.new).toBe(4);
    const old = await ctx.db.select().from(imports).where(eq(imports.id, id)).get();
    expect(old?.state).toBe("interrupted");
  });
});

describe("update-service files", () => {
  it("are told by their header, registered as an update service, and checked row by row", async () => {
    const csv = file(
      "customer_reference,last_name,effective_date,non_disclosure\nnosuchcustomer,Uusinimi,2026-01-15,\nabc,Nimi,2026-01-15,yes\n",
    );
    const report = await run(csv, { systemName: "Väestötietojärjestelmä", acceptValid: true });
    expect(report).toMatchObject({ kind: "update_service_csv", state: "done", systemCreated: true });
    expect(report.counts).toMatchObject({ refused: 2 });
    expect(report.issues.map((i) => [i.line, i.code])).toEqual([
      [2, "not_found"],
      [3, "non_disclosure_invalid"],
    ]);
  });
});
