import { InboundPage } from "../../features/inbound/components/inbound-page.tsx";
import { useI18n } from "../../features/inbound/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("inboundTitle"));
  return <InboundPage />;
}
