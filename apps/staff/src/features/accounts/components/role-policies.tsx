import { type StaffRoleName, staffRoleNames } from "@tietoni/domain";
import {
  ChoiceGroup,
  ErrorMessage,
  errorCode,
  FormError,
  fieldErrors,
  formatDate,
  formError,
  Loading,
  SubmitButton,
  TextAreaField,
} from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { type RolePolicy, useRolePolicies } from "../api/get-role-policies.ts";
import { useSetRolePolicy } from "../api/set-role-policy.ts";
import { useI18n } from "../messages.ts";

/**
 * Per role, whether sign-in needs a second factor (ASVS 6.3.3): required unless an admin switches it off for the
 * role, which takes a written reason; the audit trail keeps the change and the reason. Admins always need it.
 */
export function RolePolicies({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useI18n();
  const policies = useRolePolicies();
  const headingId = useId();
  const err = errorCode(policies.error);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("policyHeading")}</h2>
      <p>{t("policyIntro")}</p>
      {policies.isPending && <Loading />}
      {err && <ErrorMessage code={err} />}
      {policies.data?.policies.map((policy) => (
        <RolePolicyForm key={`${policy.role}-${policy.changedAt ?? ""}`} policy={policy} onDone={onDone} />
      ))}
    </section>
  );
}

const FIELDS = ["secondFactorRequired", "reason"] as const;

function RolePolicyForm({ policy, onDone }: { policy: RolePolicy; onDone: (message: string) => void }) {
  const { t, locale } = useI18n();
  const set = useSetRolePolicy();
  const [required, setRequired] = useState<"on" | "off">(policy.secondFactorRequired ? "on" : "off");
  const [reason, setReason] = useState("");
  const headingId = useId();
  const ids = { choice: useId(), reason: useId() };
  const roleName = staffRoleNames[policy.role as StaffRoleName][locale];
  const errors = fieldErrors(set.error);
  const formErr = formError(set.error, FIELDS);

  const state = policy.secondFactorRequired ? t("policyStateRequired") : t("policyStateOff");
  const changed =
    policy.changedBy && policy.changedAt
      ? t("policyChangedBy", { name: policy.changedBy.displayName, date: formatDate(policy.changedAt, locale) })
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input =
      required === "on" ? { secondFactorRequired: true } : { secondFactorRequired: false, reason: reason.trim() };
    set.mutate(
      { role: policy.role as StaffRoleName, input },
      { onSuccess: () => onDone(t(required === "on" ? "policySavedOn" : "policySavedOff", { role: roleName })) },
    );
  };

  return (
    <section aria-labelledby={headingId} className="accounts-policy">
      <h3 id={headingId}>{roleName}</h3>
      <p>
        {state}
        {policy.reason && <> {t("policyReasonShown", { reason: policy.reason })}</>}
        {changed && <> {changed}</>}
      </p>
      {!policy.optional ? (
        <p className="hint">{t("policyAlwaysRequired")}</p>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <FormError code={formErr} />
          <ChoiceGroup
            id={ids.choice}
            legend={t("policyChoiceLegend", { role: roleName })}
            options={[
              ["on", t("policyChoiceOn")],
              ["off", t("policyChoiceOff")],
            ]}
            value={required}
            onChange={setRequired}
            error={errors.get("secondFactorRequired")}
          />
          {required === "off" && (
            <TextAreaField
              id={ids.reason}
              name="reason"
              label={t("policyReason")}
              hint={t("policyReasonHint")}
              required
              value={reason}
              onValue={setReason}
              error={errors.get("reason")}
            />
          )}
          <SubmitButton pending={set.isPending} label={t("policySave")} pendingLabel={t("policySaving")} />
        </form>
      )}
    </section>
  );
}
