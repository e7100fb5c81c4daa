import { type MarketingPurpose, marketingPurposeNames, marketingPurposes } from "@tietoni/domain";
import { ChoiceGroup, FieldError, FormError, fieldErrors, formError, SubmitButton, TextAreaField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useRecordObjection } from "../api/record-objection.ts";
import { useI18n } from "../messages.ts";

type Channel = "phone" | "letter" | "email";
const FIELDS = ["channel", "purposes", "withdraw", "reason"] as const;

/**
 * An objection the customer gave by phone, letter or e-mail. Withdrawing is a separate, explicit choice: staff
 * record it only when the customer asked (the BFF refuses a withdrawal without `customerAsked`).
 */
export function RecordObjectionForm({ customerId }: { customerId: string }) {
  const { t, pick } = useI18n();
  const record = useRecordObjection(customerId);
  const base = useId();
  const [channel, setChannel] = useState<Channel | null>(null);
  const [purposes, setPurposes] = useState<MarketingPurpose[]>([]);
  const [withdraw, setWithdraw] = useState(false);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState("");
  const errors = fieldErrors(record.error);

  const toggle = (p: MarketingPurpose) =>
    setPurposes((old) => (old.includes(p) ? old.filter((x) => x !== p) : [...old, p]));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone("");
    record.mutate(
      // An unchosen channel goes as "" so the BFF names the field; the schema refuses it.
      { channel: (channel ?? "") as Channel, purposes, withdraw, customerAsked: withdraw, reason },
      {
        onSuccess: () => {
          setDone(withdraw ? t("recordsWithdrawalSaved") : t("recordsObjectionSaved"));
          setPurposes([]);
          setWithdraw(false);
          setReason("");
        },
      },
    );
  };

  const headingId = `${base}-heading`;
  const purposesId = `${base}-purposes`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("recordsObjectionHeading")}</h2>
      <p>{t("recordsObjectionIntro")}</p>
      <form onSubmit={submit} noValidate className="form">
        <ChoiceGroup
          id={`${base}-channel`}
          legend={t("recordsObjectionChannel")}
          options={[
            ["phone", t("recordsChannelPhone")],
            ["letter", t("recordsChannelLetter")],
            ["email", t("recordsChannelEmail")],
          ]}
          value={channel}
          onChange={setChannel}
          error={errors.get("channel")}
        />
        <fieldset id={purposesId} aria-describedby={errors.get("purposes") ? `${purposesId}-error` : undefined}>
          <legend>{t("recordsObjectionPurposes")}</legend>
          {marketingPurposes.map((p) => (
            <div className="choice" key={p}>
              <input
                type="checkbox"
                id={`${purposesId}-${p}`}
                checked={purposes.includes(p)}
                onChange={() => toggle(p)}
              />
              <label htmlFor={`${purposesId}-${p}`}>{pick(marketingPurposeNames[p].name)}</label>
            </div>
          ))}
          <FieldError id={`${purposesId}-error`} code={errors.get("purposes")} />
        </fieldset>
        <div className="choice">
          <input
            type="checkbox"
            id={`${base}-withdraw`}
            checked={withdraw}
            onChange={(e) => setWithdraw(e.target.checked)}
          />
          <label htmlFor={`${base}-withdraw`}>{t("recordsObjectionWithdraw")}</label>
        </div>
        <TextAreaField
          id={`${base}-reason`}
          label={t("recordsReason")}
          hint={t("recordsReasonHint")}
          required
          rows={3}
          value={reason}
          onValue={setReason}
          error={errors.get("reason")}
        />
        <FormError code={formError(record.error, FIELDS)} />
        <SubmitButton
          pending={record.isPending}
          label={t("recordsObjectionSave")}
          pendingLabel={t("recordsObjectionSaving")}
        />
      </form>
      <p role="status" className={done ? "success-message" : undefined}>
        {done}
      </p>
    </section>
  );
}
