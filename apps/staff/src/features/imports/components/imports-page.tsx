import { ApiError, DataTable, ErrorMessage, Field, FormActions, InputField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useSession } from "../../../lib/session.ts";
import { useApplyImport } from "../api/apply-import.ts";
import { useImport } from "../api/get-import.ts";
import { type ImportReport, useUploadImport } from "../api/upload-import.ts";
import { type importMessages, useI18n } from "../messages.ts";

type MessageKey = keyof typeof importMessages;

const stateTexts: Record<ImportReport["state"], MessageKey> = {
  validating: "importStateValidating",
  refused: "importStateRefused",
  validated: "importStateValidated",
  applying: "importStateApplying",
  interrupted: "importStateInterrupted",
  done: "importStateDone",
};

const countTexts: [keyof ImportReport["counts"], MessageKey][] = [
  ["new", "importCountNew"],
  ["changed", "importCountChanged"],
  ["unchanged", "importCountUnchanged"],
  ["conflicts", "importCountConflicts"],
  ["duplicates", "importCountDuplicates"],
  ["erased", "importCountErased"],
  ["refused", "importCountRefused"],
];

const issueKindTexts: Record<ImportReport["issues"][number]["kind"], MessageKey> = {
  refused: "importKindRefused",
  conflict: "importKindConflict",
  duplicate: "importKindDuplicate",
  erased: "importKindErased",
};

const errorCodeOf = (err: unknown) => (err instanceof ApiError ? err.code : "server_error");

/** Bulk import is an administrator's task; the BFF refuses anyone else too. */
export function ImportsPage() {
  const { t } = useI18n();
  const session = useSession();
  return (
    <>
      <h1>{t("importTitle")}</h1>
      {session.data?.role === "admin" ? <ImportFlow /> : <p>{t("importAdminOnly")}</p>}
    </>
  );
}

/** Upload → dry-run report → apply → progress → final report. */
function ImportFlow() {
  const { t } = useI18n();
  const id = useId();
  const upload = useUploadImport();
  const apply = useApplyImport();
  const [system, setSystem] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [acceptValid, setAcceptValid] = useState(false);
  const [appliedId, setAppliedId] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const applied = useImport(appliedId);
  const dryRun = upload.data;

  const check = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileMissing(true);
      return;
    }
    setAppliedId(null);
    setAcceptValid(false);
    upload.mutate({ file, system });
  };

  const start = (e: FormEvent) => {
    e.preventDefault();
    if (!dryRun) return;
    apply.mutate({ id: dryRun.importId, acceptValid }, { onSuccess: (started) => setAppliedId(started.importId) });
  };

  const reset = () => {
    upload.reset();
    apply.reset();
    setAppliedId(null);
    setFile(null);
    setFormKey((k) => k + 1);
  };

  if (appliedId) {
    const report = applied.data;
    return (
      <>
        {applied.error && <ErrorMessage code={errorCodeOf(applied.error)} />}
        {report && (
          <>
            <Progress report={report} />
            <Report report={report} />
          </>
        )}
        {report && report.state !== "applying" && report.state !== "validating" && (
          <button type="button" onClick={reset}>
            {t("importAnother")}
          </button>
        )}
      </>
    );
  }

  return (
    <>
      <p>{t("importIntro")}</p>
      <form key={formKey} onSubmit={check} noValidate>
        <InputField
          id={`${id}-system`}
          label={t("importSystemLabel")}
          hint={t("importSystemHint")}
          value={system}
          onValue={setSystem}
          required
          maxLength={100}
          error={
            upload.error instanceof ApiError && upload.error.fields.some((f) => f.path === "system") ? "required" : null
          }
        />
        <Field
          id={`${id}-file`}
          label={t("importFileLabel")}
          hint={t("importFileHint")}
          error={fileMissing ? "required" : null}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,.jsonl,.ndjson,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileMissing(false);
              }}
            />
          )}
        </Field>
        <FormActions
          pending={upload.isPending}
          label={t("importCheck")}
          pendingLabel={t("importChecking")}
          error={upload.error ? errorCodeOf(upload.error) : null}
        />
      </form>

      {dryRun && (
        <>
          <Report report={dryRun} />
          {dryRun.state === "validated" && (
            <form onSubmit={start} noValidate className="operations-confirm">
              {dryRun.counts.refused > 0 && (
                <div className="field operations-check">
                  <input
                    id={`${id}-accept`}
                    type="checkbox"
                    checked={acceptValid}
                    onChange={(e) => setAcceptValid(e.target.checked)}
                  />
                  <label htmlFor={`${id}-accept`}>{t("importAcceptValidLabel")}</label>
                </div>
              )}
              <FormActions
                pending={apply.isPending}
                label={t("importApply")}
                pendingLabel={t("importApplying")}
                error={apply.error ? errorCodeOf(apply.error) : null}
              />
            </form>
          )}
        </>
      )}
    </>
  );
}

function Progress({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const total = Math.max(report.totalRows, 1);
  return (
    <section aria-label={t("importProgressLabel")} className="retention-progress">
      <progress max={total} value={Math.min(report.doneRows, total)} aria-label={t("importProgressLabel")} />
      <div role="status">
        <p>{t("importProgress", { done: report.doneRows, total: report.totalRows })}</p>
      </div>
    </section>
  );
}

/** The report of a dry run or a run: the state, the counts, the file's error or the rows not imported as they were. */
function Report({ report }: { report: ImportReport }) {
  const { t, locale } = useI18n();
  const id = useId();
  const fileError = report.fileError;
  return (
    <section aria-labelledby={`${id}-heading`} className="import-report">
      <h2 id={`${id}-heading`}>{t("importReportHeading")}</h2>
      <dl>
        <dt>{t("importFileName")}</dt>
        <dd>{report.fileName}</dd>
        <dt>{t("importSystem")}</dt>
        <dd>
          {report.system.name} {report.systemCreated && t("importSystemCreated")}
        </dd>
        <dt>{t("importRows")}</dt>
        <dd>{report.totalRows}</dd>
        <dt>{t("importState")}</dt>
        <dd data-testid="import-state">{t(stateTexts[report.state])}</dd>
      </dl>
      {fileError ? (
        <div className="error-message" role="alert">
          <p>
            {fileError.line === null ? t("importFileErrorNoLine") : t("importFileError", { line: fileError.line })}{" "}
            {fileError.message[locale]}
          </p>
          {fileError.field && <p>{t("importFileErrorColumn", { column: fileError.field })}</p>}
        </div>
      ) : (
        <>
          <DataTable
            caption={t("importCountsCaption")}
            columns={[t("importOutcomeColumn"), { label: t("importCountColumn"), number: true }]}
            rows={countTexts}
            rowKey={([key]) => key}
          >
            {([key, label]) => (
              <>
                <th scope="row">{t(label)}</th>
                <td className="number">{report.counts[key]}</td>
              </>
            )}
          </DataTable>
          {report.issues.length > 0 && (
            <DataTable
              caption={t("importIssuesCaption")}
              columns={[
                { label: t("importColLine"), number: true },
                t("importColExternalId"),
                t("importColKind"),
                t("importColField"),
                t("importColReason"),
              ]}
              rows={report.issues}
              rowKey={(issue, i) => `${issue.line}-${i}`}
            >
              {(issue) => (
                <>
                  <th scope="row" className="number">
                    {issue.line}
                  </th>
                  <td>{issue.externalId}</td>
                  <td>{t(issueKindTexts[issue.kind])}</td>
                  <td>{issue.field}</td>
                  <td>{issue.message[locale]}</td>
                </>
              )}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
