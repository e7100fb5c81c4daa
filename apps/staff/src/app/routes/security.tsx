import { Link } from "react-router";
import { paths } from "../../config/paths.ts";
import { SignOutEverywhere } from "../../features/accounts/components/sign-out-everywhere.tsx";
import { TotpEnrolment } from "../../features/accounts/components/totp-enrolment.tsx";
import { useI18n } from "../../features/accounts/messages.ts";
import { useSession } from "../../lib/session.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const session = useSession();
  return (
    <Page title={t("accountsSecurityTitle")}>
      <h2>{t("accountsTotpHeading")}</h2>
      <TotpEnrolment />
      {/* Closed until enrolment is done, as everything else is (the BFF refuses it too). */}
      {session.data && !session.data.totpEnrolmentRequired && (
        <>
          <h2>{t("accountsPasswordHeading")}</h2>
          <p>
            <Link to={paths.changePassword}>{t("accountsPasswordLink")}</Link>
          </p>
        </>
      )}
      <SignOutEverywhere />
    </Page>
  );
}
