import {
  categoryName,
  type DataCategoryId,
  dataCategoryIds,
  staffHoldClearSchema,
  staffHoldSetSchema,
} from "@tietoni/domain";
import {
  checkInput,
  DataTable,
  FieldError,
  FormActions,
  formatDate,
  formatDateTime,
  InputField,
  useFormFields,
  useNotice,
} from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useClearHold } from "../api/clear-hold.ts";
import type { RecordFacts } from "../api/get-record-facts.ts";
import { useSetHold } from "../api/set-hold.ts";
import { useI18n } from "../messages.ts";
import { OutcomeNote, ReasonField } from "./reason-field.tsx";

type Hold = RecordFacts["holds"][number];

/** The customer's legal holds: applies, ended or cleared; set one, or clear one (an agent's clearing waits). */
export function HoldsSection({ customerId, holds }: { customerId: string; holds: Hold[] }) {
  const { t, pick, locale } = useI18n();
  const notice = useNotice();
  const id = useId();
  const [adding, setAdding] = useState(false);
  const [clearing, setClearing] = useState<Hold | null>(null);
  const [outcome, setOutcome] = useState<"done" | "pending" | null>(null);
  const state = (h: Hold) =>
    h.clearedAt
      ? t("factsHoldCleared", { date: formatDateTime(h.clearedAt, locale), reason: h.clearReason ?? "" })
      : h.pendingApprovalId
        ? `${t("factsHoldApplies")} · ${t("factsWaitingApproval")}`
        : h.applies
          ? t("factsHoldApplies")
          : t("factsHoldEnded");
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("factsHoldsHeading")}</h3>
      <DataTable
        caption={t("factsHoldsCaption")}
        columns={[
          t("factsColHoldReason"),
          t("factsColReference"),
          t("factsColEnds"),
          t("factsColKeeps"),
          t("factsColState"),
          t("factsActions"),
        ]}
        rows={holds}
        rowKey={(h) => h.id}
        empty={<p>{t("factsHoldsNone")}</p>}
      >
        {(h) => (
          <>
            <th scope="row">{h.reason}</th>
            <td>{h.reference ?? "–"}</td>
            <td>{h.endsOn ? formatDate(h.endsOn, locale) : t("factsUntilCleared")}</td>
            <td>
              {h.keeps === null ? t("factsHoldKeepsAll") : h.keeps.map((c) => pick(categoryName(notice, c))).join(", ")}
            </td>
            <td>{state(h)}</td>
            <td>
              {h.applies && !h.pendingApprovalId && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setClearing(h);
                    setOutcome(null);
                  }}
                >
                  {t("factsClearHold")}
                </button>
              )}
            </td>
          </>
        )}
      </DataTable>
      {clearing && (
        <ClearHoldForm
          customerId={customerId}
          hold={clearing}
          onClose={(result) => {
            setClearing(null);
            setOutcome(result);
          }}
        />
      )}
      {adding ? (
        <SetHoldForm
          customerId={customerId}
          onClose={(result) => {
            setAdding(false);
            setOutcome(result);
          }}
        />
      ) : (
        <button
          type="button"
          onClick={() => {
            setAdding(true);
            setOutcome(null);
          }}
        >
          {t("factsSetHold")}
        </button>
      )}
      <OutcomeNote outcome={outcome} />
    </section>
  );
}

function SetHoldForm({ customerId, onClose }: { customerId: string; onClose: (o: "done" | null) => void }) {
  const { t, pick } = useI18n();
  const notice = useNotice();
  const set = useSetHold(customerId);
  const [values, setValues] = useState({ reason: "", reference: "", endsOn: "" });
  // Issue 14 A: the categories the hold keeps through an erasure; none ticked: everything.
  const [keeps, setKeeps] = useState<DataCategoryId[]>([]);
  const { wire, formError, setClientErrors, focusFirst } = useFormFields(
    ["reason", "reference", "endsOn", "keeps"],
    set.error,
  );
  const keepsField = wire("keeps");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = checkInput(staffHoldSetSchema, {
      reason: values.reason,
      reference: values.reference.trim() || null,
      endsOn: values.endsOn || null,
      keeps: keeps.length === 0 ? null : dataCategoryIds.filter((c) => keeps.includes(c)),
    });
    setClientErrors(errors);
    if (!input) return focusFirst(errors);
    set.mutate(input, { onSuccess: () => onClose("done") });
  };
  const field = (name: keyof typeof values) => ({
    value: values[name],
    onValue: (v: string) => setValues((old) => ({ ...old, [name]: v })),
  });
  return (
    <form onSubmit={submit} noValidate className="form">
      <h4>{t("factsSetHold")}</h4>
      <InputField
        {...wire("reason")}
        {...field("reason")}
        label={t("factsHoldReason")}
        hint={t("factsHoldReasonHint")}
      />
      <InputField
        {...wire("reference")}
        {...field("reference")}
        label={t("factsHoldReference")}
        hint={t("factsHoldReferenceHint")}
      />
      <InputField
        {...wire("endsOn")}
        {...field("endsOn")}
        type="date"
        label={t("factsHoldEndsOn")}
        hint={t("factsHoldEndsOnHint")}
      />
      <fieldset
        id={keepsField.id}
        aria-describedby={`${keepsField.id}-hint${keepsField.error ? ` ${keepsField.id}-error` : ""}`}
      >
        <legend>{t("factsHoldKeeps")}</legend>
        <p className="hint" id={`${keepsField.id}-hint`}>
          {t("factsHoldKeepsHint")}
        </p>
        {dataCategoryIds.map((c) => (
          <div className="field operations-check" key={c}>
            <input
              type="checkbox"
              id={`${keepsField.id}-${c}`}
              name="keeps"
              value={c}
              checked={keeps.includes(c)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setKeeps((old) => (on ? [...old, c] : old.filter((k) => k !== c)));
              }}
            />
            <label htmlFor={`${keepsField.id}-${c}`}>{pick(categoryName(notice, c))}</label>
          </div>
        ))}
        <FieldError id={`${keepsField.id}-error`} code={keepsField.error} />
      </fieldset>
      <FormActions pending={set.isPending} label={t("factsSave")} pendingLabel={t("factsSaving")} error={formError}>
        <button type="button" className="secondary" onClick={() => onClose(null)}>
          {t("factsCancel")}
        </button>
      </FormActions>
    </form>
  );
}

function ClearHoldForm({
  customerId,
  hold,
  onClose,
}: {
  customerId: string;
  hold: Hold;
  onClose: (o: "done" | "pending" | null) => void;
}) {
  const { t } = useI18n();
  const clear = useClearHold(customerId);
  const [reason, setReason] = useState("");
  const { wire, formError, setClientErrors, focusFirst } = useFormFields(["reason"], clear.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = checkInput(staffHoldClearSchema, { reason });
    setClientErrors(errors);
    if (!input) return focusFirst(errors);
    clear.mutate({ holdId: hold.id, ...input }, { onSuccess: (r) => onClose(r.outcome) });
  };
  return (
    <form onSubmit={submit} noValidate className="form">
      <h4>{t("factsClearHoldHeading", { reason: hold.reason })}</h4>
      <ReasonField {...wire("reason")} value={reason} onValue={setReason} />
      <FormActions
        pending={clear.isPending}
        label={t("factsClearHold")}
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
