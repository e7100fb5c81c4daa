import { NoticeCheckPage } from "../../features/notice-check/components/notice-check-page.tsx";
import { useI18n } from "../../features/notice-check/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("noticeCheckTitle")} intro={t("noticeCheckIntro")}>
      <NoticeCheckPage />
    </Page>
  );
}
