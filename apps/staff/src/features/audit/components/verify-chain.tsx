import { ErrorMessage, errorCode } from "@tietoni/ui";
import { useId } from "react";
import { useVerifyAuditChain } from "../api/verify-audit-chain.ts";
import { useI18n } from "../messages.ts";

/** Runs the chain verification and says whether the trail is intact or which entry is the first broken one. */
export function VerifyChain() {
  const { t } = useI18n();
  const verify = useVerifyAuditChain();
  const headingId = useId();
  const err = errorCode(verify.error);
  const verdict = verify.data;
  return (
    <section aria-labelledby={headingId} className="accounts-verify">
      <h2 id={headingId}>{t("auditVerifyHeading")}</h2>
      <p>{t("auditVerifyIntro")}</p>
      <button type="button" disabled={verify.isPending} onClick={() => verify.mutate()}>
        {verify.isPending ? t("auditVerifying") : t("auditVerify")}
      </button>
      {err && <ErrorMessage code={err} />}
      <div role="status" className="accounts-verify-result">
        {verdict?.ok === true && <p className="success-message">{t("auditVerifyOk", { count: verdict.entries })}</p>}
        {verdict?.ok === false && (
          <p className="error-message">{t("auditVerifyBroken", { seq: verdict.firstBrokenSeq })}</p>
        )}
      </div>
    </section>
  );
}
