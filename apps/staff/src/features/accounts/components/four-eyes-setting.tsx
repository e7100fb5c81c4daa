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
import { type FourEyes, useFourEyes } from "../api/get-four-eyes.ts";
import { useSetFourEyes } from "../api/set-four-eyes.ts";
import { useI18n } from "../messages.ts";

/**
 * Four eyes for the irreversible (issue 14 D): an erasure its registrant or a blocker's clearer executes waits for
 * a second person. A staff of one may switch it off with a reason; with two or more active staff it applies anyway.
 */
export function FourEyesSetting({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useI18n();
  const fourEyes = useFourEyes();
  const headingId = useId();
  const err = errorCode(fourEyes.error);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("fourEyesHeading")}</h2>
      <p>{t("fourEyesIntro")}</p>
      {fourEyes.isPending && <Loading />}
      {err && <ErrorMessage code={err} />}
      {fourEyes.data && <FourEyesForm key={fourEyes.data.changedAt ?? "never"} state={fourEyes.data} onDone={onDone} />}
    </section>
  );
}

const FIELDS = ["enabled", "reason"] as const;

function FourEyesForm({ state, onDone }: { state: FourEyes; onDone: (message: string) => void }) {
  const { t, locale } = useI18n();
  const set = useSetFourEyes();
  const [choice, setChoice] = useState<"on" | "off">(state.enabled ? "on" : "off");
  const [reason, setReason] = useState("");
  const ids = { choice: useId(), reason: useId() };
  const errors = fieldErrors(set.error);
  const formErr = formError(set.error, FIELDS);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = choice === "on" ? { enabled: true } : { enabled: false, reason: reason.trim() };
    set.mutate(input, { onSuccess: () => onDone(t(choice === "on" ? "fourEyesSavedOn" : "fourEyesSavedOff")) });
  };

  return (
    <>
      <p>
        {t(state.inEffect ? "fourEyesStateOn" : "fourEyesStateOff")}
        {!state.enabled && state.inEffect && <> {t("fourEyesOffLapsed")}</>}
        {state.reason && <> {t("fourEyesReasonShown", { reason: state.reason })}</>}
        {state.changedBy && state.changedAt && (
          <> {t("fourEyesChangedBy", { name: state.changedBy, date: formatDate(state.changedAt, locale) })}</>
        )}
      </p>
      {!state.mayTurnOff && state.enabled ? (
        <p className="hint">{t("fourEyesColleagues")}</p>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <FormError code={formErr} />
          <ChoiceGroup
            id={ids.choice}
            legend={t("fourEyesChoiceLegend")}
            options={[
              ["on", t("fourEyesChoiceOn")],
              ["off", t("fourEyesChoiceOff")],
            ]}
            value={choice}
            onChange={setChoice}
            error={errors.get("enabled")}
          />
          {choice === "off" && (
            <TextAreaField
              id={ids.reason}
              name="reason"
              label={t("fourEyesReason")}
              hint={t("fourEyesReasonHint")}
              required
              value={reason}
              onValue={setReason}
              error={errors.get("reason")}
            />
          )}
          <SubmitButton pending={set.isPending} label={t("policySave")} pendingLabel={t("policySaving")} />
        </form>
      )}
    </>
  );
}
