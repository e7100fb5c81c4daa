import { Link } from "react-router";
import { paths } from "../../config/paths.ts";
import { useI18n } from "../../lib/i18n.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("notFoundTitle"));
  return (
    <>
      <h1>{t("notFoundTitle")}</h1>
      <p>
        <Link to={paths.customers}>{t("backHome")}</Link>
      </p>
    </>
  );
}
