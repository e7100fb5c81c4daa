import { Sessions } from "../../features/sessions/components/sessions.tsx";
import { useI18n } from "../../features/sessions/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("sessionsTitle"));
  return <Sessions />;
}
