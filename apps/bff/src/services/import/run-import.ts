import { createHash } from "node:crypto";
import fs from "node:fs";
import {
  type ErrorCode,
  errorMessages,
  type ImportKind,
  type ImportState,
  type InboundChannel,
  type InboundIssueKind,
  interchangeCsvRowSchema,
  interchangeRecordSchema,
  isErrorCode,
  type Localized,
  type RowOutcome,
  UPDATED_AT,
  updateServiceChange,
  updateServiceRowSchema,
} from "@tietoni/domain";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { randomToken } from "../../auth/tokens.ts";
import type { Db } from "../../db/port.ts";
import { connectedSystems, imports, inboundIssues } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { type AuditActor, appendAudit } from "../audit.ts";
import { findSystemByName, registerConnectedSystem } from "../connected-systems.ts";
import type { InboundRow, IngestRun, RowResult } from "../ingest/contract.ts";
import { ingestRows } from "../ingest/ingest.ts";
import { fail, type Result } from "../result.ts";
import { CELL_COUNT, detectKind, type FileRow, fileRows, ImportFileError, INVALID_JSON } from "./file-rows.ts";

/*
 * A bulk import (issue 12): one file into the register as one connected system, by `pnpm data:import` or the staff
 * upload. Pass one reads the whole file and writes nothing to the register: a file-level error (encoding,
 * delimiter, header, a line over the cap) refuses the file, a row-level error refuses that row (kept in
 * `inbound_issues` with its line). Only a clean file, or a run with `acceptValid`, goes on to pass two, which reads
 * the file again and hands the rows to the one ingest service in batches of `IMPORT_BATCH_ROWS`, one transaction
 * each, recording progress and yielding to the event loop between batches so the portal keeps answering. A dry
 * run makes pass two's decisions and rolls each batch back.
 *
 * A run stopped midway (a crash, a kill) is `interrupted`: running the same file again for the same system goes on
 * from the rows already applied (and the upserts are idempotent, so a row applied twice changes nothing).
 */

export type ImportDeps = Pick<Deps, "db" | "env" | "outbox" | "now">;

export type ImportRequest = {
  filePath: string;
  fileName: string;
  /** Told by the file when not given: `.jsonl` records, or a CSV's header. */
  kind?: ImportKind;
  systemName: string;
  dryRun: boolean;
  acceptValid: boolean;
  actor: AuditActor & { ip?: string | null };
  /** The new run's id (an upload is stored under it before the run starts); random when not given. */
  importId?: string;
};

export type ImportCounts = {
  new: number;
  changed: number;
  unchanged: number;
  conflicts: number;
  duplicates: number;
  erased: number;
  refused: number;
};

export type ImportIssue = {
  line: number | null;
  externalId: string | null;
  kind: InboundIssueKind;
  code: ErrorCode | null;
  field: string | null;
  message: Localized;
};

export type ImportReport = {
  importId: string;
  state: ImportState;
  kind: ImportKind;
  dryRun: boolean;
  acceptValid: boolean;
  fileName: string;
  fileDigest: string;
  system: { id: string; name: string };
  systemCreated: boolean;
  totalRows: number;
  doneRows: number;
  counts: ImportCounts;
  /** Why the whole file was refused (nothing was written), or null. */
  fileError: ImportIssue | null;
  /** The first rows that were refused, held or kept in conflict, by line. */
  issues: ImportIssue[];
  /** The interrupted run of the same file this run went on from. */
  resumedFrom: string | null;
  startedAt: number;
  finishedAt: number | null;
};

export type ImportProgress = { importId: string; doneRows: number; totalRows: number; counts: ImportCounts };

/** A run `applying` without a sign of life for this long was interrupted (its process stopped). */
export const HEARTBEAT_STALE_MS = 2 * 60_000;
/** How many issues a report lists; the counts cover them all. */
export const REPORT_ISSUES = 200;

type ImportRecord = typeof imports.$inferSelect;

/** How a file-level error's `inbound_issues` row is told from a row's. */
const FILE_ERROR_DETAIL = JSON.stringify({ file: true });

const zeroCounts = (): ImportCounts => ({
  new: 0,
  changed: 0,
  unchanged: 0,
  conflicts: 0,
  duplicates: 0,
  erased: 0,
  refused: 0,
});

const COUNT_OF: Record<RowOutcome, keyof ImportCounts> = {
  new: "new",
  changed: "changed",
  unchanged: "unchanged",
  conflict: "conflicts",
  duplicate: "duplicates",
  erased: "erased",
  refused: "refused",
};

const messageOf = (code: string | null): Localized =>
  code && isErrorCode(code) ? errorMessages[code] : errorMessages.invalid_input;

/** A run's state as shown: `applying` whose heartbeat stopped is `interrupted`. */
export function shownState(record: Pick<ImportRecord, "state" | "heartbeatAt">, now: number): ImportState {
  return record.state === "applying" && now - record.heartbeatAt > HEARTBEAT_STALE_MS ? "interrupted" : record.state;
}

/** SHA-256 of a file, streamed. */
export async function fileDigest(filePath: string): Promise<{ digest: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of fs.createReadStream(filePath) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { digest: hash.digest("hex"), bytes };
}

/**
 * Validates a file and, unless it is a dry run, applies it. Answers the report (also when the file was refused:
 * the report says why), or a refusal when the file's kind cannot be told or the same file is being imported now.
 */
export async function runImport(
  deps: ImportDeps,
  request: ImportRequest,
  onProgress?: (progress: ImportProgress) => void | Promise<void>,
): Promise<Result<{ report: ImportReport }>> {
  const { db } = deps;
  const kind = request.kind ?? (await detectKind(request.filePath, request.fileName));
  if (!kind) return fail(422, "import_kind_unknown");
  const { digest, bytes } = await fileDigest(request.filePath);
  const now = deps.now();

  let systemCreated = false;
  let system = await findSystemByName(db, request.systemName);
  if (!system) {
    system = await db.transaction((tx) =>
      registerConnectedSystem(
        tx,
        {
          name: request.systemName,
          // A customer file comes from the controller's own systems, which got it from the customer; an update
          // service's file is the notice's own source "update services".
          party: { kind: "source", id: kind === "update_service_csv" ? "updateService" : "registration" },
        },
        request.actor,
        now,
      ),
    );
    systemCreated = true;
  }

  const previous = request.dryRun ? undefined : await latestRun(db, digest, system.id, null);
  if (previous && previous.state === "applying" && shownState(previous, now) === "applying") {
    return fail(409, "import_running");
  }

  const record: ImportRecord = {
    id: request.importId ?? randomToken(),
    systemId: system.id,
    kind,
    state: "validating",
    dryRun: request.dryRun,
    acceptValid: request.acceptValid,
    fileName: request.fileName,
    fileDigest: digest,
    fileBytes: bytes,
    totalRows: 0,
    doneRows: 0,
    counts: JSON.stringify(zeroCounts()),
    actorType: request.actor.type,
    actorId: "id" in request.actor ? request.actor.id : null,
    startedAt: now,
    heartbeatAt: now,
    finishedAt: null,
  };
  await db.transaction(async (tx) => {
    await tx.insert(imports).values(record);
    if (!request.dryRun) await auditStarted(tx, record, request.actor, now);
  });
  const report = await execute(deps, record, request.filePath, {
    system: { id: system.id, name: system.name },
    systemCreated,
    actor: request.actor,
    resumable: previous && (previous.state === "applying" || previous.state === "interrupted") ? previous : undefined,
    onProgress,
  });
  return { ok: true, report };
}

/**
 * Applies a dry run's file (the staff upload's second step): the same record goes on to be validated again and
 * applied. Refused unless the run is a finished dry run whose file is still there.
 */
export async function applyImport(
  deps: ImportDeps,
  importId: string,
  input: { filePath: string; acceptValid: boolean },
  actor: AuditActor & { ip?: string | null },
  onProgress?: (progress: ImportProgress) => void | Promise<void>,
): Promise<Result<{ started: ImportRecord; finished: Promise<ImportReport> }>> {
  const { db } = deps;
  const now = deps.now();
  const record = await db.select().from(imports).where(eq(imports.id, importId)).get();
  if (!record) return fail(404, "not_found");
  if (!record.dryRun || record.state !== "validated") return fail(409, "invalid_state");
  if (!fs.existsSync(input.filePath)) return fail(409, "import_file_gone");
  const { digest } = await fileDigest(input.filePath);
  if (digest !== record.fileDigest) return fail(409, "import_file_gone");
  const previous = await latestRun(db, digest, record.systemId, record.id);
  if (previous && previous.state === "applying" && shownState(previous, now) === "applying") {
    return fail(409, "import_running");
  }
  const system = await db
    .select({ id: connectedSystems.id, name: connectedSystems.name })
    .from(connectedSystems)
    .where(eq(connectedSystems.id, record.systemId))
    .get();
  if (!system) return fail(404, "not_found");
  const started: ImportRecord = {
    ...record,
    dryRun: false,
    acceptValid: input.acceptValid,
    state: "validating",
    doneRows: 0,
    counts: JSON.stringify(zeroCounts()),
    heartbeatAt: now,
    finishedAt: null,
    actorType: actor.type,
    actorId: "id" in actor ? actor.id : null,
  };
  await db.transaction(async (tx) => {
    await tx
      .update(imports)
      .set({
        dryRun: false,
        acceptValid: input.acceptValid,
        state: "validating",
        doneRows: 0,
        counts: started.counts,
        heartbeatAt: now,
        finishedAt: null,
        actorType: started.actorType,
        actorId: started.actorId,
      })
      .where(eq(imports.id, record.id));
    // Pass one runs again and records its refusals afresh.
    await tx.delete(inboundIssues).where(and(eq(inboundIssues.importId, record.id), eq(inboundIssues.kind, "refused")));
    await auditStarted(tx, started, actor, now);
  });
  const finished = execute(deps, started, input.filePath, {
    system,
    systemCreated: false,
    actor,
    resumable: previous && (previous.state === "applying" || previous.state === "interrupted") ? previous : undefined,
    onProgress,
  });
  return { ok: true, started, finished };
}

function auditStarted(
  tx: Parameters<typeof appendAudit>[0],
  record: ImportRecord,
  actor: ImportRequest["actor"],
  now: number,
) {
  return appendAudit(
    tx,
    {
      actor: stripIp(actor),
      action: "import.started",
      detail: {
        importId: record.id,
        systemId: record.systemId,
        kind: record.kind,
        fileDigest: record.fileDigest,
        fileBytes: record.fileBytes,
        acceptValid: record.acceptValid,
      },
      ip: actor.ip ?? null,
    },
    now,
  );
}

function stripIp(actor: ImportRequest["actor"]): AuditActor {
  switch (actor.type) {
    case "staff":
      return { type: "staff", id: actor.id, role: actor.role };
    case "customer":
    case "client":
      return { type: actor.type, id: actor.id };
    default:
      return { type: "system" };
  }
}

/** The newest applied (not dry) run of this file into this system, other than `exceptId`. */
function latestRun(db: Db, digest: string, systemId: string, exceptId: string | null) {
  return db
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.fileDigest, digest),
        eq(imports.systemId, systemId),
        eq(imports.dryRun, false),
        exceptId ? ne(imports.id, exceptId) : undefined,
      ),
    )
    .orderBy(desc(imports.startedAt), sql`${imports}.rowid DESC`)
    .limit(1)
    .get();
}

type Refusal = { code: ErrorCode; field: string | null; externalId: string | null };

/** A row checked against its format: the ingest service's row, or why it is refused. */
function checkRow(kind: ImportKind, row: FileRow): { ok: true; inbound: InboundRow } | ({ ok: false } & Refusal) {
  const externalIdOf = (value: unknown) =>
    value && typeof value === "object" && "external_id" in value && typeof value.external_id === "string"
      ? value.external_id.trim() || null
      : null;
  if ("json" in row) {
    if (row.json === INVALID_JSON) return { ok: false, code: "import_json_invalid", field: null, externalId: null };
    const parsed = interchangeRecordSchema.safeParse(row.json);
    if (!parsed.success) return { ok: false, ...refusalOf(parsed.error), externalId: externalIdOf(row.json) };
    return {
      ok: true,
      inbound: { index: row.line, key: { externalId: parsed.data.external_id }, record: parsed.data },
    };
  }
  if (CELL_COUNT in row.cells) return { ok: false, code: "import_cell_count", field: null, externalId: null };
  if (kind === "update_service_csv") {
    const parsed = updateServiceRowSchema.safeParse(row.cells);
    if (!parsed.success) return { ok: false, ...refusalOf(parsed.error), externalId: null };
    const change = updateServiceChange(parsed.data);
    return {
      ok: true,
      inbound: {
        index: row.line,
        key: { customerId: change.customerId },
        record:
          change.addressProtected === undefined
            ? change.record
            : { ...change.record, addressProtected: change.addressProtected },
      },
    };
  }
  const cells: Record<string, string> = { ...row.cells };
  // An empty `updated_at` means "not given" (the row's time is then the file's), not a value to clear.
  if (cells[UPDATED_AT] === "") delete cells[UPDATED_AT];
  const parsed = interchangeCsvRowSchema.safeParse(cells);
  if (!parsed.success) return { ok: false, ...refusalOf(parsed.error), externalId: externalIdOf(cells) };
  return { ok: true, inbound: { index: row.line, key: { externalId: parsed.data.external_id }, record: parsed.data } };
}

function refusalOf(error: z.ZodError): { code: ErrorCode; field: string | null } {
  const issue = error.issues[0];
  if (!issue) return { code: "invalid_input", field: null };
  const field =
    issue.code === "unrecognized_keys" ? (issue.keys[0] ?? null) : issue.path.length > 0 ? String(issue.path[0]) : null;
  return { code: isErrorCode(issue.message) ? issue.message : "invalid_input", field };
}

/** The external id a row is keyed by, for the duplicate check (before the row is validated). */
function rowExternalId(row: FileRow): string | null {
  const value = "json" in row ? row.json : row.cells;
  if (value && typeof value === "object" && "external_id" in value && typeof value.external_id === "string") {
    return value.external_id.trim() || null;
  }
  return null;
}

type ExecuteContext = {
  system: { id: string; name: string };
  systemCreated: boolean;
  actor: ImportRequest["actor"];
  resumable: ImportRecord | undefined;
  onProgress: ((progress: ImportProgress) => void | Promise<void>) | undefined;
};

async function execute(
  deps: ImportDeps,
  record: ImportRecord,
  filePath: string,
  context: ExecuteContext,
): Promise<ImportReport> {
  const { db, env } = deps;
  const kind = record.kind;
  const dryRun = record.dryRun;
  const base = { record, context };

  // Pass one: the whole file, nothing written to the register.
  const refused = new Map<number, Refusal>();
  const firstLineOf = new Map<string, number>();
  let totalRows = 0;
  try {
    for await (const row of fileRows(filePath, kind)) {
      totalRows++;
      const checked = checkRow(kind, row);
      if (!checked.ok)
        refused.set(row.line, { code: checked.code, field: checked.field, externalId: checked.externalId });
      if (kind === "update_service_csv") continue;
      const externalId = rowExternalId(row);
      if (externalId === null) continue;
      const first = firstLineOf.get(externalId);
      if (first === undefined) {
        firstLineOf.set(externalId, row.line);
        continue;
      }
      // Which of two rows is right cannot be told: neither is imported.
      const duplicate: Refusal = { code: "import_duplicate_external_id", field: "external_id", externalId };
      if (!refused.has(first)) refused.set(first, duplicate);
      if (!refused.has(row.line)) refused.set(row.line, duplicate);
    }
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    const fileError: ImportIssue = {
      line: err.line,
      externalId: null,
      kind: "refused",
      code: err.code,
      field: err.field,
      message: messageOf(err.code),
    };
    return finish(deps, base, { state: "refused", totalRows: 0, doneRows: 0, counts: zeroCounts(), fileError });
  }
  firstLineOf.clear();
  await storeRefusals(db, record, context.system.id, kind, refused, deps.now());

  const resumeFrom = !dryRun && (refused.size === 0 || record.acceptValid) ? context.resumable : undefined;
  const counts: ImportCounts = resumeFrom
    ? { ...zeroCounts(), ...(JSON.parse(resumeFrom.counts) as Partial<ImportCounts>) }
    : { ...zeroCounts(), refused: refused.size };
  if (refused.size > 0 && !record.acceptValid && !dryRun) {
    return finish(deps, base, { state: "refused", totalRows, doneRows: 0, counts, fileError: null });
  }

  // Pass two: the ingest service, batch by batch.
  const startAt = dryRun ? 0 : Math.min(resumeFrom?.doneRows ?? 0, totalRows);
  const now = deps.now();
  await db.transaction(async (tx) => {
    if (resumeFrom && resumeFrom.state !== "interrupted") {
      await tx.update(imports).set({ state: "interrupted" }).where(eq(imports.id, resumeFrom.id));
    }
    await tx
      .update(imports)
      .set({
        state: dryRun ? "validating" : "applying",
        totalRows,
        doneRows: startAt,
        counts: JSON.stringify(counts),
        heartbeatAt: now,
      })
      .where(eq(imports.id, record.id));
  });
  const run: IngestRun = {
    system: context.system,
    channel: kind === "update_service_csv" ? "updateService" : "import",
    actor: stripIp(context.actor),
    importId: record.id,
    receivedAt: record.startedAt,
    suppressionKey: env.suppressionKey,
  };
  const dryRunIssues: ImportIssue[] = [];
  let batch: InboundRow[] = [];
  let ordinal = 0;
  let doneRows = startAt;
  const flush = async () => {
    const rows = batch;
    batch = [];
    const results = rows.length > 0 ? await ingestRows(deps, run, rows, deps.now(), { dryRun }) : [];
    tally(counts, results);
    if (dryRun) {
      collectIssues(dryRunIssues, rows, results);
      return;
    }
    const at = deps.now();
    await db.transaction(async (tx) => {
      await tx
        .update(imports)
        .set({ doneRows, counts: JSON.stringify(counts), heartbeatAt: at })
        .where(eq(imports.id, record.id));
    });
    await context.onProgress?.({ importId: record.id, doneRows, totalRows, counts: { ...counts } });
    // Let the portal's requests in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  };
  try {
    for await (const row of fileRows(filePath, kind)) {
      ordinal++;
      if (ordinal <= startAt) continue;
      doneRows = ordinal;
      if (refused.has(row.line)) continue;
      const checked = checkRow(kind, row);
      if (!checked.ok) continue;
      batch.push(checked.inbound);
      if (batch.length >= env.IMPORT_BATCH_ROWS) await flush();
    }
    await flush();
  } catch (err) {
    // Stopped midway: what was applied stays, and a rerun of the file goes on from `done_rows`.
    if (!dryRun) {
      await db
        .update(imports)
        .set({ state: "interrupted", heartbeatAt: deps.now() })
        .where(eq(imports.id, record.id))
        .catch(() => undefined);
    }
    throw err;
  }
  const issues = dryRun
    ? [...refusalIssues(refused), ...dryRunIssues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).slice(0, REPORT_ISSUES)
    : undefined;
  return finish(
    deps,
    { ...base, resumedFrom: resumeFrom?.id ?? null, issues },
    { state: dryRun ? "validated" : "done", totalRows, doneRows: dryRun ? 0 : totalRows, counts, fileError: null },
  );
}

function tally(counts: ImportCounts, results: readonly RowResult[]) {
  for (const r of results) counts[COUNT_OF[r.outcome]]++;
}

function collectIssues(into: ImportIssue[], rows: readonly InboundRow[], results: readonly RowResult[]) {
  if (into.length >= REPORT_ISSUES) return;
  const externalIdOf = new Map(rows.map((r) => [r.index, "externalId" in r.key ? r.key.externalId : null]));
  for (const r of results) {
    if (r.outcome === "new" || r.outcome === "changed" || r.outcome === "unchanged") continue;
    into.push({
      line: r.index,
      externalId: externalIdOf.get(r.index) ?? null,
      kind: r.outcome === "duplicate" || r.outcome === "erased" || r.outcome === "conflict" ? r.outcome : "refused",
      code: r.code,
      field: r.conflicts[0]?.field ?? null,
      message: messageOf(r.code),
    });
    if (into.length >= REPORT_ISSUES) return;
  }
}

function refusalIssues(refused: Map<number, Refusal>): ImportIssue[] {
  const out: ImportIssue[] = [];
  for (const [line, r] of refused) {
    out.push({
      line,
      externalId: r.externalId,
      kind: "refused",
      code: r.code,
      field: r.field,
      message: messageOf(r.code),
    });
    if (out.length >= REPORT_ISSUES) break;
  }
  return out;
}

/** Pass one's refused rows, kept with their line for the report (a few hundred rows a transaction). */
async function storeRefusals(
  db: Db,
  record: ImportRecord,
  systemId: string,
  kind: ImportKind,
  refused: Map<number, Refusal>,
  now: number,
) {
  const channel: InboundChannel = kind === "update_service_csv" ? "updateService" : "import";
  const rows = [...refused].map(([line, r]) => ({
    systemId,
    channel,
    importId: record.id,
    line,
    externalId: r.externalId,
    kind: "refused" as const,
    code: r.code,
    field: r.field,
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db.transaction(async (tx) => {
      await tx.insert(inboundIssues).values(chunk);
    });
  }
}

async function finish(
  deps: ImportDeps,
  base: { record: ImportRecord; context: ExecuteContext; resumedFrom?: string | null; issues?: ImportIssue[] },
  outcome: {
    state: ImportState;
    totalRows: number;
    doneRows: number;
    counts: ImportCounts;
    fileError: ImportIssue | null;
  },
): Promise<ImportReport> {
  const { record, context } = base;
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(imports)
      .set({
        state: outcome.state,
        totalRows: outcome.totalRows,
        doneRows: outcome.doneRows,
        counts: JSON.stringify(outcome.counts),
        heartbeatAt: now,
        finishedAt: now,
      })
      .where(eq(imports.id, record.id));
    if (outcome.fileError) {
      await tx.insert(inboundIssues).values({
        systemId: record.systemId,
        channel: record.kind === "update_service_csv" ? "updateService" : "import",
        importId: record.id,
        line: outcome.fileError.line,
        kind: "refused",
        code: outcome.fileError.code,
        field: outcome.fileError.field,
        detail: FILE_ERROR_DETAIL,
        createdAt: now,
      });
    }
    await appendAudit(
      tx,
      {
        actor: stripIp(context.actor),
        action: record.dryRun ? "import.dry_run" : "import.finished",
        detail: {
          importId: record.id,
          systemId: record.systemId,
          kind: record.kind,
          fileDigest: record.fileDigest,
          state: outcome.state,
          totalRows: outcome.totalRows,
          counts: outcome.counts,
          ...(outcome.fileError ? { fileError: outcome.fileError.code, line: outcome.fileError.line } : {}),
          ...(base.resumedFrom ? { resumedFrom: base.resumedFrom } : {}),
        },
        ip: context.actor.ip ?? null,
      },
      now,
    );
  });
  const issues = base.issues ?? (await issuesOf(deps.db, [record.id, ...(base.resumedFrom ? [base.resumedFrom] : [])]));
  return {
    importId: record.id,
    state: outcome.state,
    kind: record.kind,
    dryRun: record.dryRun,
    acceptValid: record.acceptValid,
    fileName: record.fileName,
    fileDigest: record.fileDigest,
    system: context.system,
    systemCreated: context.systemCreated,
    totalRows: outcome.totalRows,
    doneRows: outcome.doneRows,
    counts: outcome.counts,
    fileError: outcome.fileError,
    issues: outcome.fileError ? [] : issues,
    resumedFrom: base.resumedFrom ?? null,
    startedAt: record.startedAt,
    finishedAt: now,
  };
}

/** The first issues recorded for runs, by line; a file-level error is the report's `fileError`, not listed. */
async function issuesOf(db: Db, importIds: string[]): Promise<ImportIssue[]> {
  const rows = await db
    .select()
    .from(inboundIssues)
    .where(and(inArray(inboundIssues.importId, importIds), ne(inboundIssues.detail, FILE_ERROR_DETAIL)))
    .orderBy(asc(inboundIssues.line), asc(inboundIssues.id))
    .limit(REPORT_ISSUES * importIds.length)
    .all();
  // A resumed run and the run it went on from both recorded pass one's refusals of the same file: list each once.
  const seen = new Set<string>();
  const issues: ImportIssue[] = [];
  for (const r of rows) {
    const key = `${r.line}|${r.kind}|${r.code}|${r.field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({
      line: r.line,
      externalId: r.externalId,
      kind: r.kind,
      code: r.code && isErrorCode(r.code) ? r.code : null,
      field: r.field,
      message: messageOf(r.code),
    });
    if (issues.length >= REPORT_ISSUES) break;
  }
  return issues;
}

/** A run's report as recorded (the staff page polls it for progress), or undefined. */
export async function getImport(db: Db, id: string, now: number): Promise<ImportReport | undefined> {
  const row = await db
    .select({ record: imports, systemName: connectedSystems.name })
    .from(imports)
    .innerJoin(connectedSystems, eq(connectedSystems.id, imports.systemId))
    .where(eq(imports.id, id))
    .get();
  if (!row) return undefined;
  const { record } = row;
  const fileIssue = await db
    .select()
    .from(inboundIssues)
    .where(and(eq(inboundIssues.importId, id), eq(inboundIssues.detail, FILE_ERROR_DETAIL)))
    .get();
  const fileError: ImportIssue | null = fileIssue
    ? {
        line: fileIssue.line,
        externalId: null,
        kind: "refused",
        code: fileIssue.code && isErrorCode(fileIssue.code) ? fileIssue.code : null,
        field: fileIssue.field,
        message: messageOf(fileIssue.code),
      }
    : null;
  return {
    importId: record.id,
    state: shownState(record, now),
    kind: record.kind,
    dryRun: record.dryRun,
    acceptValid: record.acceptValid,
    fileName: record.fileName,
    fileDigest: record.fileDigest,
    system: { id: record.systemId, name: row.systemName },
    systemCreated: false,
    totalRows: record.totalRows,
    doneRows: record.doneRows,
    counts: { ...zeroCounts(), ...(JSON.parse(record.counts) as Partial<ImportCounts>) },
    fileError,
    issues: fileError ? [] : await issuesOf(db, [id]),
    resumedFrom: null,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
  };
}

/** The newest runs, for the staff page's list. */
export async function listImports(db: Db, now: number, limit = 20) {
  const rows = await db
    .select({ record: imports, systemName: connectedSystems.name })
    .from(imports)
    .innerJoin(connectedSystems, eq(connectedSystems.id, imports.systemId))
    // Two runs of the same millisecond: the later insert first (rowid on both engines, issue 16).
    .orderBy(desc(imports.startedAt), sql`${imports}.rowid DESC`)
    .limit(limit)
    .all();
  return rows.map(({ record, systemName }) => ({
    importId: record.id,
    state: shownState(record, now),
    kind: record.kind,
    dryRun: record.dryRun,
    fileName: record.fileName,
    system: { id: record.systemId, name: systemName },
    totalRows: record.totalRows,
    doneRows: record.doneRows,
    counts: { ...zeroCounts(), ...(JSON.parse(record.counts) as Partial<ImportCounts>) },
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
  }));
}
