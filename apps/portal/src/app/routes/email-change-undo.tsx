import { UndoEmailChange } from "../../features/email-change-undo/components/undo-email-change.tsx";
import { useI18n } from "../../features/email-change-undo/messages.ts";
import { Page } from "../use-page-title.ts";

/** Opened from the link in the change notice; no sign-in needed (the link is the proof). */
export function Component() {
  const { t } = useI18n();
  return (
    <Page title={t("undoTitle")} intro={t("undoIntro")}>
      <UndoEmailChange />
    </Page>
  );
}
