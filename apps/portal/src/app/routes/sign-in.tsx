import { useNotice } from "@tietoni/ui";
import { Navigate, useNavigate } from "react-router";
import { paths } from "../../config/paths.ts";
import { SignInForm } from "../../features/auth/components/sign-in-form.tsx";
import { useI18n } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const notice = useNotice();
  const navigate = useNavigate();
  const session = useSession();
  if (session.data) return <Navigate to={paths.myData} replace />;
  return (
    <Page title={t("signInTitle")} intro={t("signInIntro", { controller: notice.controller.name })}>
      <SignInForm onSignedIn={() => navigate(paths.myData)} />
    </Page>
  );
}
