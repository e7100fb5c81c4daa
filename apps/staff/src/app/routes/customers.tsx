import { CustomerSearch } from "../../features/customers/components/customer-search.tsx";
import { useI18n } from "../../lib/i18n.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("customersTitle"));
  return (
    <>
      <h1>{t("customersTitle")}</h1>
      <CustomerSearch />
    </>
  );
}
