import { Link } from "react-router";
import { useI18n } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.ts";
import { homeFor } from "../home.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const session = useSession();
  return (
    <Page title={t("notFoundTitle")}>
      <p>
        <Link to={homeFor(session.data?.role)}>{t("backHome")}</Link>
      </p>
    </Page>
  );
}
