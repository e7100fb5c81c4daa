import { StaffAccountsPage } from "../../features/accounts/components/staff-accounts-page.tsx";
import { useI18n } from "../../features/accounts/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("accountsTitle")}>
      <StaffAccountsPage />
    </Page>
  );
}
