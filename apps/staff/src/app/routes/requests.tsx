import { RecipientsToNotify } from "../../features/desk/components/recipients-to-notify.tsx";
import { RequestQueue } from "../../features/desk/components/request-queue.tsx";
import { useI18n } from "../../features/desk/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("deskQueueTitle")}>
      <RequestQueue />
      <RecipientsToNotify />
    </Page>
  );
}
