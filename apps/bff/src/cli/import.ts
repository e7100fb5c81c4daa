import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { errorText, type ImportKind, importKinds, type Locale } from "@tietoni/domain";
import { openRegister } from "../db/open.ts";
import { parseEnv } from "../env.ts";
import { type ImportReport, runImport } from "../services/import/run-import.ts";
import { cliDeps } from "./cli-deps.ts";

/*
 * Bulk import from the command line (issue 12), at the repository root:
 *   pnpm data:import -- --file F [--dry-run] [--accept-valid] [--system "name"] [--kind K] [--lang fi|en]
 * Uses the server's configuration and database (WAL: safe while the server runs; each batch is one short write
 * transaction). A --system name not yet registered is registered as a new connected system. Exit code 0 when the
 * file was applied (done) or validated (dry run), 1 when it was refused or interrupted, 2 for a wrong command.
 * docs/interchange.md documents the files.
 */

const usage = `usage: pnpm data:import -- --file FILE [--dry-run] [--accept-valid] [--system "name"] [--kind ${importKinds.join("|")}] [--lang fi|en]`;

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    // pnpm hands the script a literal "--" before the options.
    args: process.argv.slice(2).filter((a) => a !== "--"),
    options: {
      file: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "accept-valid": { type: "boolean", default: false },
      system: { type: "string", default: "File import" },
      kind: { type: "string" },
      lang: { type: "string", default: "en" },
      help: { type: "boolean", default: false },
    },
  });
}
try {
  parsed = parse();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  console.error(usage);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.info(usage);
  process.exit(0);
}
const lang: Locale = values.lang === "fi" ? "fi" : "en";
const kind = values.kind as ImportKind | undefined;
if (!values.file || (kind !== undefined && !importKinds.includes(kind)) || !values.system.trim()) {
  console.error(usage);
  process.exit(2);
}
// `pnpm --filter` runs the script in apps/bff; the file is named relative to where the command was typed.
const callerDir = process.env.INIT_CWD ?? process.cwd();
const filePath = path.resolve(callerDir, values.file);
if (!fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) {
  console.error(lang === "fi" ? `Tiedostoa ei löydy: ${filePath}` : `No such file: ${filePath}`);
  process.exit(2);
}

const texts = {
  fi: {
    state: {
      validating: "tarkistetaan",
      refused: "HYLÄTTY – mitään ei muutettu",
      validated: "tarkistettu (kokeiluajo, mitään ei muutettu)",
      applying: "tuodaan",
      interrupted: "KESKEYTYNYT – aja sama tiedosto uudelleen jatkaaksesi",
      done: "valmis",
    },
    system: "Järjestelmä",
    created: "(uusi, rekisteröitiin tässä tuonnissa)",
    rows: "Rivejä",
    counts: {
      new: "uusia",
      changed: "muuttuneita",
      unchanged: "ennallaan",
      conflicts: "ristiriitoja",
      duplicates: "mahdollisia kaksoiskappaleita",
      erased: "poistettuja asiakkaita",
      refused: "hylättyjä",
    },
    fileError: "Tiedosto hylättiin",
    line: "rivi",
    column: "sarake",
    more: "ja muita; kaikki rivit raportissa",
    progress: "rivejä tuotu",
  },
  en: {
    state: {
      validating: "validating",
      refused: "REFUSED – nothing was changed",
      validated: "validated (dry run, nothing was changed)",
      applying: "applying",
      interrupted: "INTERRUPTED – run the same file again to finish it",
      done: "done",
    },
    system: "System",
    created: "(new, registered by this import)",
    rows: "Rows",
    counts: {
      new: "new",
      changed: "changed",
      unchanged: "unchanged",
      conflicts: "conflicts",
      duplicates: "possible duplicates",
      erased: "erased customers",
      refused: "refused",
    },
    fileError: "The file was refused",
    line: "line",
    column: "column",
    more: "and more; every row is in the report",
    progress: "rows applied",
  },
}[lang];

function print(report: ImportReport) {
  console.info(`${report.fileName}: ${texts.state[report.state]}`);
  console.info(`${texts.system}: ${report.system.name}${report.systemCreated ? ` ${texts.created}` : ""}`);
  console.info(`${texts.rows}: ${report.totalRows}`);
  for (const [key, label] of Object.entries(texts.counts)) {
    console.info(`  ${label}: ${report.counts[key as keyof typeof texts.counts]}`);
  }
  if (report.fileError) {
    const where = [
      report.fileError.line === null ? null : `${texts.line} ${report.fileError.line}`,
      report.fileError.field ? `${texts.column} ${report.fileError.field}` : null,
    ].filter(Boolean);
    console.info(
      `${texts.fileError}${where.length ? ` (${where.join(", ")})` : ""}: ${report.fileError.message[lang]}`,
    );
  }
  for (const issue of report.issues) {
    const field = issue.field ? ` [${issue.field}]` : "";
    const id = issue.externalId ? ` ${issue.externalId}` : "";
    console.info(`  ${texts.line} ${issue.line}${id}${field}: ${issue.kind}: ${issue.message[lang]}`);
  }
  const listed = report.issues.length;
  const total = report.counts.refused + report.counts.conflicts + report.counts.duplicates + report.counts.erased;
  if (total > listed && listed > 0) console.info(`  … ${texts.more}`);
}

const env = parseEnv();
const db = await openRegister(env);
let exitCode = 1;
try {
  const result = await runImport(
    await cliDeps(db, env),
    {
      filePath,
      fileName: path.basename(filePath),
      kind,
      systemName: values.system,
      dryRun: values["dry-run"],
      acceptValid: values["accept-valid"],
      actor: { type: "system" },
    },
    (p) => {
      console.error(`${p.doneRows}/${p.totalRows} ${texts.progress}`);
    },
  );
  if (!result.ok) {
    console.error(errorText(result.code, lang));
  } else {
    print(result.report);
    exitCode = result.report.state === "done" || result.report.state === "validated" ? 0 : 1;
  }
} catch (err) {
  // The run's record says "interrupted"; running the same file again finishes it.
  console.error(err instanceof Error ? err.message : err);
  console.error(texts.state.interrupted);
} finally {
  await db.close();
}
process.exit(exitCode);
