import { NewRequestForm } from "../../features/desk/components/new-request-form.tsx";
import { useI18n } from "../../features/desk/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("deskNewTitle"));
  return (
    <>
      <h1>{t("deskNewTitle")}</h1>
      <p>{t("deskNewIntro")}</p>
      <NewRequestForm />
    </>
  );
}
