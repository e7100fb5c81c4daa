import { NewCustomerForm } from "../../features/records/components/new-customer-form.tsx";
import { useI18n } from "../../features/records/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("recordsNewTitle")} intro={t("recordsNewIntro")}>
      <NewCustomerForm />
    </Page>
  );
}
