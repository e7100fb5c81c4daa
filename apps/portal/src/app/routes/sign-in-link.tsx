import { useNavigate } from "react-router";
import { paths } from "../../config/paths.ts";
import { LinkSignIn } from "../../features/auth/components/link-sign-in.tsx";
import { useI18n } from "../../lib/i18n.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Page title={t("linkTitle")} intro={t("linkIntro")}>
      <LinkSignIn onSignedIn={() => navigate(paths.myData)} />
    </Page>
  );
}
