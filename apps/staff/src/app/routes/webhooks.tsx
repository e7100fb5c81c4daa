import { WebhooksPage } from "../../features/webhooks/components/webhooks-page.tsx";
import { useI18n } from "../../features/webhooks/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("webhooksTitle")}>
      <WebhooksPage />
    </Page>
  );
}
