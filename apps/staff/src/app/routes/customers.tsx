import { CustomerSearch } from "../../features/customers/components/customer-search.tsx";
import { useI18n } from "../../lib/i18n.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("customersTitle")}>
      <CustomerSearch />
    </Page>
  );
}
