import { useState } from "react";
import { useNavigate } from "react-router";
import { paths } from "../../config/paths.ts";
import { ChangePasswordForm } from "../../features/accounts/components/change-password-form.tsx";
import { useI18n } from "../../features/accounts/messages.ts";
import { useSession } from "../../lib/session.ts";
import { Page } from "../use-page-title.ts";

/**
 * The person's own password change. Also the one page a session opens to after an admin set the password (a new
 * account, a reset): once changed, the app goes on to the search (or to enrolment, where that is still due).
 */
export function Component() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [changed, setChanged] = useState(false);
  const forced = session.data?.passwordChangeRequired ?? false;
  return (
    <Page title={t("accountsPasswordTitle")} intro={t("accountsPasswordIntro")}>
      {forced && (
        <p className="accounts-notice" role="status">
          {t("accountsPasswordForced")}
        </p>
      )}
      {changed && (
        <p className="success-message" role="status">
          {t("accountsPasswordChanged")}
        </p>
      )}
      <ChangePasswordForm
        forced={forced}
        onChanged={() => (forced ? navigate(paths.customers, { replace: true }) : setChanged(true))}
      />
    </Page>
  );
}
