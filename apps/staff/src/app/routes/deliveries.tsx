import { DeliveriesPage } from "../../features/deliveries/components/deliveries-page.tsx";
import { useI18n } from "../../features/deliveries/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("deliveriesTitle")}>
      <DeliveriesPage />
    </Page>
  );
}
