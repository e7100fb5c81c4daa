import { ErasureRequest } from "../../features/requests/components/erasure-request.tsx";
import { useI18n } from "../../features/requests/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("requestsErasureTitle"));
  return <ErasureRequest />;
}
