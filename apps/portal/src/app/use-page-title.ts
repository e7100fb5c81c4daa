import { usePageTitle as useSharedPageTitle } from "@tietoni/ui";
import { useI18n } from "../lib/i18n.ts";

/** The page's title followed by this app's name. */
export function usePageTitle(title: string) {
  const { t } = useI18n();
  useSharedPageTitle(title, t("appTitle"));
}
