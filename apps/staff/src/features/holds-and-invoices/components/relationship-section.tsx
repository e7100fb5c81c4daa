import { relationshipEndSchema } from "@tietoni/domain";
import { checkInput, FormActions, formatDate, InputField, useFormFields } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useEndRelationship } from "../api/end-relationship.ts";
import { useI18n } from "../messages.ts";
import { OutcomeNote, ReasonField } from "./reason-field.tsx";

/** The recorded end of the customer relationship, and recording it. */
export function RelationshipSection({ customerId, end }: { customerId: string; end: string | null }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<"done" | null>(null);
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("factsRelationshipHeading")}</h3>
      <p>{end ? t("factsRelationshipEnd", { date: formatDate(end, locale) }) : t("factsRelationshipOpen")}</p>
      {open ? (
        <RelationshipEndForm
          customerId={customerId}
          onClose={(result) => {
            setOpen(false);
            setOutcome(result);
          }}
        />
      ) : (
        <button
          type="button"
          onClick={() => {
            setOpen(true);
            setOutcome(null);
          }}
        >
          {t("factsRecordRelationshipEnd")}
        </button>
      )}
      <OutcomeNote outcome={outcome} />
    </section>
  );
}

function RelationshipEndForm({ customerId, onClose }: { customerId: string; onClose: (o: "done" | null) => void }) {
  const { t } = useI18n();
  const end = useEndRelationship(customerId);
  const [endDate, setEndDate] = useState("");
  const [reason, setReason] = useState("");
  const { wire, formError, setClientErrors, focusFirst } = useFormFields(["endDate", "reason"], end.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = checkInput(relationshipEndSchema, { endDate, reason });
    setClientErrors(errors);
    if (!input) return focusFirst(errors);
    end.mutate(input, { onSuccess: () => onClose("done") });
  };
  return (
    <form onSubmit={submit} noValidate className="form">
      <InputField
        {...wire("endDate")}
        type="date"
        label={t("factsRelationshipEndDate")}
        value={endDate}
        onValue={setEndDate}
      />
      <ReasonField {...wire("reason")} value={reason} onValue={setReason} />
      <FormActions
        pending={end.isPending}
        label={t("factsRecordRelationshipEnd")}
        pendingLabel={t("factsSaving")}
        error={formError}
      >
        <button type="button" className="secondary" onClick={() => onClose(null)}>
          {t("factsCancel")}
        </button>
      </FormActions>
    </form>
  );
}
