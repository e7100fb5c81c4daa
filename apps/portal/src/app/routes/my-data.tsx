import { MyData } from "../../features/my-data/components/my-data.tsx";
import { useI18n } from "../../lib/i18n.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("myDataTitle"));
  return <MyData />;
}
