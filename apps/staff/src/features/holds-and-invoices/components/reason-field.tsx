import { TextAreaField } from "@tietoni/ui";
import { useI18n } from "../messages.ts";

/** The reason every record-keeping entry carries. */
export function ReasonField({
  id,
  error,
  value,
  onValue,
}: {
  id: string;
  error: string | null;
  value: string;
  onValue: (value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <TextAreaField
      id={id}
      error={error}
      label={t("factsReason")}
      hint={t("factsReasonHint")}
      value={value}
      onValue={onValue}
      rows={2}
    />
  );
}

/** What a saved change says: done, or waiting for a second person. */
export function OutcomeNote({ outcome }: { outcome: "done" | "pending" | null }) {
  const { t } = useI18n();
  return (
    <p role="status" className="note">
      {outcome === "pending" ? t("factsPending") : outcome === "done" ? t("factsDone") : null}
    </p>
  );
}
