import { StaffAccountsPage } from "../../features/accounts/components/staff-accounts-page.tsx";
import { useI18n } from "../../features/accounts/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("accountsTitle"));
  return (
    <>
      <h1>{t("accountsTitle")}</h1>
      <StaffAccountsPage />
    </>
  );
}
