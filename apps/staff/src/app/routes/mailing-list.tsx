import { MailingListPage } from "../../features/operations/components/mailing-list-page.tsx";
import { useI18n } from "../../features/operations/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("operationsMailingTitle"));
  return <MailingListPage />;
}
