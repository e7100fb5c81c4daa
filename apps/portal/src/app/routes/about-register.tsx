import { RegisterNoticeView } from "@tietoni/ui";
import { useI18n } from "../../lib/i18n.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("aboutTitle")} intro={t("aboutIntro")}>
      <RegisterNoticeView />
    </Page>
  );
}
