import { ImportsPage } from "../../features/imports/components/imports-page.tsx";
import { useI18n } from "../../features/imports/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("importTitle"));
  return <ImportsPage />;
}
