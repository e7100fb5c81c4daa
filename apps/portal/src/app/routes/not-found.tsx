import { Link } from "react-router";
import { paths } from "../../config/paths.ts";
import { useI18n } from "../../lib/i18n.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("notFoundTitle")}>
      <p>
        <Link to={paths.myData}>{t("backHome")}</Link>
      </p>
    </Page>
  );
}
