import { createAppPage } from "@tietoni/ui";
import { useI18n } from "../lib/i18n.ts";

const useAppTitle = () => useI18n().t("appTitle");

/** Page titles followed by this app's name; `Page` adds the `<h1>` and an introduction. */
export const { usePageTitle, Page } = createAppPage(useAppTitle);
