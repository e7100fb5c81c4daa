import { useParams } from "react-router";
import { RequestPage } from "../../features/desk/components/request-page.tsx";
import { useI18n } from "../../features/desk/messages.ts";
import { OperationsPanel } from "../../features/operations/components/operations-panel.tsx";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  usePageTitle(t("deskRequestTitle"));
  return <RequestPage key={id} id={id} operations={<OperationsPanel requestId={id} />} />;
}
