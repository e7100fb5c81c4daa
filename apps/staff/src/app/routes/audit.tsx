import { AuditExport } from "../../features/audit/components/audit-export.tsx";
import { AuditTrail } from "../../features/audit/components/audit-trail.tsx";
import { VerifyChain } from "../../features/audit/components/verify-chain.tsx";
import { useI18n } from "../../features/audit/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("auditTitle")} intro={t("auditIntro")}>
      <VerifyChain />
      <AuditTrail />
      <AuditExport />
    </Page>
  );
}
