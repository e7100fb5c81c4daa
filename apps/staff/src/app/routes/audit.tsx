import { AuditTrail } from "../../features/audit/components/audit-trail.tsx";
import { VerifyChain } from "../../features/audit/components/verify-chain.tsx";
import { useI18n } from "../../features/audit/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("auditTitle"));
  return (
    <>
      <h1>{t("auditTitle")}</h1>
      <p>{t("auditIntro")}</p>
      <VerifyChain />
      <AuditTrail />
    </>
  );
}
