import { Disclosures } from "../../features/disclosures/components/disclosures.tsx";
import { useI18n } from "../../features/disclosures/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("disclosuresTitle"));
  return <Disclosures />;
}
