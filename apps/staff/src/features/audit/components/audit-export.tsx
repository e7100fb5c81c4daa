import { useId } from "react";
import { useSearchParams } from "react-router";
import { auditExportUrl } from "../api/export-audit-trail.ts";
import type { AuditFilters } from "../api/get-audit-entries.ts";
import { useI18n } from "../messages.ts";

/** Issue 14 G: download the trail as filtered on this page, with the signed checkpoints, as CSV or JSON. */
export function AuditExport() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const headingId = useId();
  const filters: AuditFilters = {
    actorId: params.get("actorId") ?? "",
    action: params.get("action") ?? "",
    customerId: params.get("customerId") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("auditExportHeading")}</h2>
      <p>{t("auditExportIntro")}</p>
      <p className="actions">
        <a className="button" href={auditExportUrl("csv", filters)} download>
          {t("auditExportCsv")}
        </a>{" "}
        <a className="button secondary" href={auditExportUrl("json", filters)} download>
          {t("auditExportJson")}
        </a>
      </p>
    </section>
  );
}
