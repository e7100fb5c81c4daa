import { FormError, fieldErrors, formError, InputField, SubmitButton } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useChangeOwnPassword } from "../api/change-own-password.ts";
import { useI18n } from "../messages.ts";

const FIELDS = ["currentPassword", "newPassword"] as const;

/**
 * The signed-in person's own password change: the current password proves it is them; the new one follows the
 * rules of a new account's. `forced`: an admin set the current one, and nothing else opens until it is changed.
 */
export function ChangePasswordForm({ forced, onChanged }: { forced: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const change = useChangeOwnPassword();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const ids = { currentPassword: useId(), newPassword: useId() };
  const errors = fieldErrors(change.error);
  const formErr = formError(change.error, FIELDS);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword("");
          setNewPassword("");
          onChanged();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError code={formErr} />
      <InputField
        id={ids.currentPassword}
        name="currentPassword"
        type="password"
        label={forced ? t("accountsPasswordCurrentForced") : t("accountsPasswordCurrent")}
        autoComplete="current-password"
        required
        value={currentPassword}
        onValue={setCurrentPassword}
        error={errors.get("currentPassword")}
      />
      <InputField
        id={ids.newPassword}
        name="newPassword"
        type="password"
        label={t("accountsPasswordNew")}
        hint={t("accountsPasswordNewHint")}
        autoComplete="new-password"
        required
        value={newPassword}
        onValue={setNewPassword}
        error={errors.get("newPassword")}
      />
      <SubmitButton
        pending={change.isPending}
        label={t("accountsPasswordChange")}
        pendingLabel={t("accountsPasswordChanging")}
      />
    </form>
  );
}
