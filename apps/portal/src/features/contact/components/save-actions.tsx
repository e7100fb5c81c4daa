import { FormActions } from "@tietoni/ui";
import { useI18n } from "../messages.ts";

/** Save, and Remove for a field that holds a value; a form-level error under them. */
export function SaveActions({
  pending,
  canRemove,
  onRemove,
  error,
}: {
  pending: boolean;
  canRemove: boolean;
  onRemove: () => void;
  error: string | null;
}) {
  const { t } = useI18n();
  return (
    <FormActions pending={pending} label={t("contactSave")} pendingLabel={t("contactSaving")} error={error}>
      {canRemove && (
        <button type="button" className="secondary" disabled={pending} onClick={onRemove}>
          {t("contactRemove")}
        </button>
      )}
    </FormActions>
  );
}
