import { ApprovalsPage } from "../../features/approvals/components/approvals-page.tsx";
import { useI18n } from "../../features/approvals/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("approvalsTitle"));
  return <ApprovalsPage />;
}
