import { Navigate } from "react-router";
import { SignInForm } from "../../features/auth/components/sign-in-form.tsx";
import { useI18n } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.ts";
import { homeFor } from "../home.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const session = useSession();
  // Signing in refreshes the session (useSignIn), and with it this page goes to the person's home (issue 14 G: the
  // dpo's is the audit trail).
  if (session.data) return <Navigate to={homeFor(session.data.role)} replace />;
  return (
    <Page title={t("signInTitle")} intro={t("signInIntro")}>
      <SignInForm onSignedIn={() => undefined} />
    </Page>
  );
}
