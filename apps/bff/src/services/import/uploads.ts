import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { ImportUploadQuery } from "@tietoni/domain";
import { randomToken } from "../../auth/tokens.ts";
import type { Env } from "../../env.ts";
import { log } from "../../observability/logger.ts";
import { auditActorOf, type StaffActor } from "../audit.ts";
import { fail, type Result } from "../result.ts";
import { applyImport, getImport, type ImportDeps, type ImportReport, listImports, runImport } from "./run-import.ts";

/*
 * The staff app's import page (issue 12): an admin uploads a file (at most IMPORT_MAX_UPLOAD_MIB; larger files go
 * through `pnpm data:import`), gets the dry run's report, then applies it in the background and watches the
 * progress. The upload is streamed to var/imports/<import id> (beside the database), never held in memory; the file
 * is deleted once the run is applied or refused.
 */

/** Where uploads wait between the dry run and the apply: beside the database, so a test's stays in its folder. */
export function importDir(env: Pick<Env, "databasePath">): string {
  return path.join(path.dirname(env.databasePath), "imports");
}

const uploadPath = (env: Pick<Env, "databasePath">, id: string) => path.join(importDir(env), id);

class TooLarge extends Error {}

/** Streams the body to disk, counting: past the cap the write stops and the partial file is removed. */
async function storeBody(
  body: ReadableStream<Uint8Array>,
  filePath: string,
  maxBytes: number,
): Promise<"stored" | "too_large"> {
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? new TooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(body as WebReadableStream<Uint8Array>),
      count,
      fs.createWriteStream(filePath, { flags: "wx" }),
    );
    return "stored";
  } catch (err) {
    await fs.promises.rm(filePath, { force: true });
    if (err instanceof TooLarge) return "too_large";
    throw err;
  }
}

/** Takes an upload and answers its dry run's report. */
export async function uploadImport(
  deps: ImportDeps,
  input: ImportUploadQuery & { body: ReadableStream<Uint8Array> | null; declaredBytes: string | undefined },
  actor: StaffActor,
): Promise<Result<{ report: ImportReport }>> {
  const maxBytes = deps.env.IMPORT_MAX_UPLOAD_MIB * 1024 * 1024;
  // A declared length over the cap is refused before a byte is read.
  if (input.declaredBytes !== undefined && Number(input.declaredBytes) > maxBytes) return fail(413, "import_too_large");
  if (!input.body) return fail(400, "import_empty");
  const id = randomToken();
  const filePath = uploadPath(deps.env, id);
  await fs.promises.mkdir(importDir(deps.env), { recursive: true });
  if ((await storeBody(input.body, filePath, maxBytes)) === "too_large") return fail(413, "import_too_large");
  let keep = false;
  try {
    const result = await runImport(deps, {
      filePath,
      fileName: input.fileName,
      kind: input.kind,
      systemName: input.system,
      dryRun: true,
      acceptValid: false,
      actor: { ...auditActorOf(actor), ip: actor.ip },
      importId: id,
    });
    keep = result.ok && result.report.state === "validated";
    return result;
  } finally {
    // Only a validated file waits for its apply step.
    if (!keep) await fs.promises.rm(filePath, { force: true });
  }
}

/**
 * Starts applying a validated upload in the background (the page polls `importReport` for progress) and answers
 * at once. The file is removed when the run ends, whatever its end.
 */
export async function startApply(
  deps: ImportDeps,
  importId: string,
  input: { acceptValid: boolean },
  actor: StaffActor,
): Promise<Result<{ importId: string }>> {
  const filePath = uploadPath(deps.env, importId);
  const result = await applyImport(
    deps,
    importId,
    { filePath, acceptValid: input.acceptValid },
    { ...auditActorOf(actor), ip: actor.ip },
  );
  if (!result.ok) return result;
  result.finished
    .catch((err: unknown) => {
      // The run's record says "interrupted"; the admin uploads the same file again to finish it.
      log.error({ job: "import", importId, err }, "import stopped");
    })
    .finally(() => fs.promises.rm(filePath, { force: true }).catch(() => undefined));
  return { ok: true, importId };
}

/** A run's report with its progress, or 404. */
export async function importReport(deps: ImportDeps, importId: string): Promise<Result<{ report: ImportReport }>> {
  const report = await getImport(deps.db, importId, deps.now());
  return report ? { ok: true, report } : fail(404, "not_found");
}

/** The newest runs, for the page's list. */
export async function recentImports(deps: ImportDeps) {
  return listImports(deps.db, deps.now());
}
