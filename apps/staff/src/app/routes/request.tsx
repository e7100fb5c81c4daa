import { useParams } from "react-router";
import { RequestPage } from "../../features/desk/components/request-page.tsx";
import { OperationsPanel } from "../../features/operations/components/operations-panel.tsx";
import { useI18n } from "../../lib/i18n.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  usePageTitle(t("deskRequestTitle"));
  return <RequestPage key={id} id={id} operations={<OperationsPanel requestId={id} />} />;
}
