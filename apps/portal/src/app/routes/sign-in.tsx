import { Navigate, useNavigate } from "react-router";
import { paths } from "../../config/paths.ts";
import { SignInForm } from "../../features/auth/components/sign-in-form.tsx";
import { useI18n } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const session = useSession();
  usePageTitle(t("signInTitle"));
  if (session.data) return <Navigate to={paths.myData} replace />;
  return (
    <>
      <h1>{t("signInTitle")}</h1>
      <p>{t("signInIntro")}</p>
      <SignInForm onSignedIn={() => navigate(paths.myData)} />
    </>
  );
}
