import { InputField } from "@tietoni/ui";
import { useI18n } from "../messages.ts";

type FieldProps = { id: string; value: string; onValue: (value: string) => void; error: string | undefined };

/** The name colleagues and the audit trail know the person by; the same when an account is created and edited. */
export function DisplayNameField(props: FieldProps) {
  const { t } = useI18n();
  return <InputField {...props} name="displayName" label={t("accountsDisplayName")} autoComplete="off" required />;
}

/** The day the person signed the confidentiality undertaking; required of admins editing themselves. */
export function ConfidentialityField({ required, ...props }: FieldProps & { required?: boolean }) {
  const { t } = useI18n();
  return (
    <InputField
      {...props}
      name="confidentialitySignedOn"
      type="date"
      label={t("accountsConfidentiality")}
      hint={t("accountsConfidentialityHint")}
      required={required}
    />
  );
}
