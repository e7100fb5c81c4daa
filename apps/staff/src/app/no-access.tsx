import { Link } from "react-router";
import { useI18n } from "../lib/i18n.ts";
import { useSession } from "../lib/session.ts";
import { homeFor } from "./home.ts";
import { Page } from "./use-page-title.ts";

/** A page the signed-in person's role may not open (issue 14 G: the dpo and the register's pages). */
export function NoAccess() {
  const { t } = useI18n();
  const session = useSession();
  return (
    <Page title={t("noAccessTitle")} intro={t("noAccessIntro")}>
      <p>
        <Link to={homeFor(session.data?.role)}>{t("backHome")}</Link>
      </p>
    </Page>
  );
}
