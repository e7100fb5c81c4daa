import { SignOutEverywhere } from "../../features/accounts/components/sign-out-everywhere.tsx";
import { TotpEnrolment } from "../../features/accounts/components/totp-enrolment.tsx";
import { useI18n } from "../../features/accounts/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("accountsSecurityTitle")}>
      <h2>{t("accountsTotpHeading")}</h2>
      <TotpEnrolment />
      <SignOutEverywhere />
    </Page>
  );
}
