import { RequestQueue } from "../../features/desk/components/request-queue.tsx";
import { useI18n } from "../../features/desk/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("deskQueueTitle"));
  return (
    <>
      <h1>{t("deskQueueTitle")}</h1>
      <RequestQueue />
    </>
  );
}
