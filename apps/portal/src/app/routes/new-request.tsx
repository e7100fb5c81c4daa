import { Navigate, useSearchParams } from "react-router";
import { paths } from "../../config/paths.ts";
import { isRequestKind, NewRequestForm } from "../../features/requests/components/new-request-form.tsx";
import { useI18n } from "../../features/requests/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const type = searchParams.get("type");
  // Erasure has its own page, which first shows what blocks it and what is kept.
  if (type === "erasure") return <Navigate to={paths.erasure} replace />;
  return (
    <Page title={t("requestsNewTitle")} intro={t("requestsNewIntro")}>
      <NewRequestForm key={type} initialKind={isRequestKind(type) ? type : null} />
    </Page>
  );
}
