import { RegisterNoticeView } from "@tietoni/ui";
import { useI18n } from "../../lib/i18n.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("aboutTitle"));
  return (
    <>
      <h1>{t("aboutTitle")}</h1>
      <p>{t("aboutIntro")}</p>
      <RegisterNoticeView />
    </>
  );
}
