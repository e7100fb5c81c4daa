import { DownloadData } from "../../features/download/components/download-data.tsx";
import { useI18n } from "../../features/download/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("downloadTitle"));
  return <DownloadData />;
}
