import { NewRequestForm } from "../../features/desk/components/new-request-form.tsx";
import { useI18n } from "../../features/desk/messages.ts";
import { Page } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("deskNewTitle")} intro={t("deskNewIntro")}>
      <NewRequestForm />
    </Page>
  );
}
