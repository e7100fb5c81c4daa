import { RequestStatisticsPage } from "../../features/request-statistics/components/request-statistics-page.tsx";
import { useI18n } from "../../features/request-statistics/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("statisticsTitle")} intro={t("statisticsIntro")}>
      <RequestStatisticsPage />
    </Page>
  );
}
