import { RetentionPage } from "../../features/retention/components/retention-page.tsx";
import { useI18n } from "../../features/retention/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("retentionTitle"));
  return <RetentionPage />;
}
