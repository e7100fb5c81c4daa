import { ErrorMessage } from "@tietoni/ui";
import { useI18n } from "../messages.ts";

/** Save, and Remove for a field that holds a value; a form-level error under them. */
export function FormActions({
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
    <>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? t("contactSaving") : t("contactSave")}
        </button>
        {canRemove && (
          <button type="button" className="secondary" disabled={pending} onClick={onRemove}>
            {t("contactRemove")}
          </button>
        )}
      </div>
      {error && <ErrorMessage code={error} />}
    </>
  );
}
