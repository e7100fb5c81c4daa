import { ErrorMessage, errorCode, Field, FormActions, formatDateTime, TextAreaField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { type AuditVerdict, useVerifyAuditChain } from "../api/verify-audit-chain.ts";
import { auditProblemReasons, useI18n } from "../messages.ts";

/**
 * Runs the chain verification (issue 14 E): the chain, its signed checkpoints, and the copies the data-protection
 * officer keeps, pasted or read from a file here; then says whether the trail is intact, which checkpoints were
 * checked with which keys, and every entry or checkpoint that does not hold.
 */
export function VerifyChain() {
  const { t } = useI18n();
  const verify = useVerifyAuditChain();
  const headingId = useId();
  const id = useId();
  const [copies, setCopies] = useState("");
  const err = errorCode(verify.error);
  // A refused paste is the text box's error; anything else (no right, no connection) the form's.
  const copiesError = err === "audit_checkpoints_none" || err === "audit_checkpoint_malformed" ? err : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate(copies);
  };
  return (
    <section aria-labelledby={headingId} className="accounts-verify">
      <h2 id={headingId}>{t("auditVerifyHeading")}</h2>
      <p>{t("auditVerifyIntro")}</p>
      <form onSubmit={submit} noValidate className="form">
        <TextAreaField
          id={`${id}-copies`}
          label={t("auditCopiesLabel")}
          hint={t("auditCopiesHint")}
          value={copies}
          onValue={setCopies}
          rows={4}
          spellCheck={false}
          error={copiesError}
        />
        <Field id={`${id}-file`} label={t("auditCopiesFile")}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".txt,.eml,text/plain,message/rfc822"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                // Read in the browser and shown in the box above, so what is checked is what the person sees.
                if (file) setCopies((await file.text()).slice(0, 2_000_000));
              }}
            />
          )}
        </Field>
        <FormActions pending={verify.isPending} label={t("auditVerify")} pendingLabel={t("auditVerifying")} />
      </form>
      {err && !copiesError && <ErrorMessage code={err} />}
      <div role="status" className="accounts-verify-result">
        {verify.data && <Verdict verdict={verify.data} />}
      </div>
    </section>
  );
}

function Verdict({ verdict }: { verdict: AuditVerdict }) {
  const { t, locale, pick } = useI18n();
  const last = verdict.checkpoints.last;
  return (
    <>
      {verdict.ok ? (
        <p className="success-message">{t("auditVerifyOk", { count: verdict.entries })}</p>
      ) : verdict.firstBrokenSeq !== null ? (
        <p className="error-message">{t("auditVerifyBroken", { seq: verdict.firstBrokenSeq })}</p>
      ) : (
        <p className="error-message">{t("auditVerifyCheckpointsFail")}</p>
      )}
      <dl className="audit-verify-facts">
        <dt>{t("auditFactEntries")}</dt>
        <dd>{t("auditFactEntriesValue", { count: verdict.entries, unkeyed: verdict.unkeyedEntries })}</dd>
        <dt>{t("auditFactHmacKeys")}</dt>
        <dd>
          <code>{verdict.hmacKeyIds.join(", ") || "–"}</code> {t("auditFactConfigured", { id: verdict.keys.hmacKeyId })}
        </dd>
        <dt>{t("auditFactCheckpoints")}</dt>
        <dd>{t("auditFactCheckpointsValue", { count: verdict.checkpoints.checked })}</dd>
        <dt>{t("auditFactLastCheckpoint")}</dt>
        <dd>
          {last
            ? t("auditFactLastCheckpointValue", { seq: last.seq, at: formatDateTime(last.at, locale) })
            : t("auditFactNone")}
        </dd>
        <dt>{t("auditFactSigningKeys")}</dt>
        <dd>
          <code>{verdict.checkpoints.signingKeyIds.join(", ") || "–"}</code>{" "}
          {t("auditFactConfigured", { id: verdict.keys.signingKeyId })}
        </dd>
        <dt>{t("auditFactDpoCopies")}</dt>
        <dd>{t("auditFactDpoCopiesValue", { count: verdict.checkpoints.dpoCopies })}</dd>
      </dl>
      {verdict.problems.length > 0 && (
        <>
          <h3>{t("auditProblemsHeading")}</h3>
          <ul className="audit-verify-problems">
            {verdict.problems.map((p) => (
              <li key={`${p.seq}-${p.source}-${p.reason}`}>
                {t(p.source === "dpo" ? "auditProblemDpo" : "auditProblemDatabase", { seq: p.seq })}{" "}
                {pick(auditProblemReasons[p.reason])}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
