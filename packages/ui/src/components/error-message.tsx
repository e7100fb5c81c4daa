import { errorText } from "@tietoni/domain";
import { useLocale } from "../i18n/create-i18n.tsx";
import { useSharedI18n } from "../i18n/shared-messages.ts";

/** A form- or page-level error, announced at once. Unknown codes fall back to the generic input error. */
export function ErrorMessage({ code }: { code: string }) {
  const { locale } = useLocale();
  return (
    <p className="error-message" role="alert">
      {errorText(code, locale)}
    </p>
  );
}

/**
 * The error under one input; point the input's `aria-describedby` at `id`.
 * Renders nothing without a code, so the same markup serves valid and invalid states.
 */
export function FieldError({ id, code }: { id: string; code: string | null | undefined }) {
  const { locale, t } = useSharedI18n();
  if (!code) return null;
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">{t("errorPrefix")} </span>
      {errorText(code, locale)}
    </p>
  );
}
