import { SystemsPage } from "../../features/systems/components/systems-page.tsx";
import { useI18n } from "../../features/systems/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("systemsTitle")}>
      <SystemsPage />
    </Page>
  );
}
