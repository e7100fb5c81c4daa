import { Marketing } from "../../features/marketing/components/marketing.tsx";
import { useI18n } from "../../features/marketing/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("marketingTitle"));
  return <Marketing />;
}
