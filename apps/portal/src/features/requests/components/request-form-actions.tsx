import { FormActions } from "@tietoni/ui";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useI18n } from "../messages.ts";

/** Send, and the way back to the list without sending; under them the error no field explains. */
export function RequestFormActions({
  pending,
  label,
  error,
}: {
  pending: boolean;
  label: string;
  error: string | null;
}) {
  const { t } = useI18n();
  return (
    <FormActions pending={pending} label={label} pendingLabel={t("requestsSending")} error={error}>
      <Link className="button secondary" to={paths.requests}>
        {t("requestsBackToList")}
      </Link>
    </FormActions>
  );
}
