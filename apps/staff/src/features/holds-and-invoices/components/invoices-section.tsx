import { invoiceStatusRecordSchema, type StaffInvoiceOutcome } from "@tietoni/domain";
import {
  ChoiceGroup,
  checkInput,
  DataTable,
  FormActions,
  formatDate,
  formatMoney,
  InputField,
  useFormFields,
} from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import type { RecordFacts } from "../api/get-record-facts.ts";
import { useRecordInvoiceStatus } from "../api/record-invoice-status.ts";
import { useI18n } from "../messages.ts";
import { OutcomeNote, ReasonField } from "./reason-field.tsx";

type Invoice = RecordFacts["invoices"][number];

/** Invoice states: open, in collection (with the agency), paid, written off; record what happened to an open one. */
export function InvoicesSection({ customerId, invoices }: { customerId: string; invoices: Invoice[] }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [recording, setRecording] = useState<Invoice | null>(null);
  const [outcome, setOutcome] = useState<"done" | "pending" | null>(null);
  const state = (i: Invoice) => {
    const base =
      i.state === "paid"
        ? t("factsInvoicePaid", { date: i.paidAt ? formatDate(i.paidAt, locale) : "" })
        : i.state === "written_off"
          ? t("factsInvoiceWrittenOff", { date: i.writtenOffOn ? formatDate(i.writtenOffOn, locale) : "" })
          : i.state === "in_collection"
            ? t("factsInvoiceInCollection", { agency: i.collectionAgency ?? t("factsUnknown") })
            : t("factsInvoiceOpen");
    return i.pendingApprovalId ? `${base} · ${t("factsWaitingApproval")}` : base;
  };
  const open = (i: Invoice) => i.state === "open" || i.state === "in_collection";
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("factsInvoicesHeading")}</h3>
      <DataTable
        caption={t("factsInvoicesCaption")}
        columns={[
          t("factsColInvoice"),
          t("factsColIssued"),
          { label: t("factsColAmount"), number: true },
          t("factsColState"),
          t("factsActions"),
        ]}
        rows={invoices}
        rowKey={(i) => i.id}
        empty={<p>{t("factsInvoicesNone")}</p>}
      >
        {(i) => (
          <>
            <th scope="row">{i.invoiceNumber}</th>
            <td>{formatDate(i.issuedAt, locale)}</td>
            <td className="number">{formatMoney(i.amountCents, i.currency, locale)}</td>
            <td>{state(i)}</td>
            <td>
              {open(i) && !i.pendingApprovalId && (
                <button
                  type="button"
                  className="secondary"
                  aria-label={`${t("factsRecordInvoice")}: ${i.invoiceNumber}`}
                  onClick={() => {
                    setRecording(i);
                    setOutcome(null);
                  }}
                >
                  {t("factsRecordInvoice")}
                </button>
              )}
            </td>
          </>
        )}
      </DataTable>
      {recording && (
        <InvoiceStatusForm
          key={recording.id}
          customerId={customerId}
          invoice={recording}
          onClose={(result) => {
            setRecording(null);
            setOutcome(result);
          }}
        />
      )}
      <OutcomeNote outcome={outcome} />
    </section>
  );
}

function InvoiceStatusForm({
  customerId,
  invoice,
  onClose,
}: {
  customerId: string;
  invoice: Invoice;
  onClose: (o: "done" | "pending" | null) => void;
}) {
  const { t } = useI18n();
  const record = useRecordInvoiceStatus(customerId);
  const [status, setStatus] = useState<StaffInvoiceOutcome | null>(null);
  const [on, setOn] = useState("");
  const [agency, setAgency] = useState("");
  const [reason, setReason] = useState("");
  const { wire, formError, setClientErrors, focusFirst } = useFormFields(
    ["status", "on", "agency", "reason"],
    record.error,
  );
  const outcomes: (readonly [StaffInvoiceOutcome, string])[] = [
    ["paid", t("factsOutcomePaid")],
    ["in_collection", t("factsOutcomeInCollection")],
    ["written_off", t("factsOutcomeWrittenOff")],
  ];
  // Collection already recorded: only paid or written off are left.
  const offered = invoice.state === "in_collection" ? outcomes.filter(([o]) => o !== "in_collection") : outcomes;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = checkInput(invoiceStatusRecordSchema, {
      status,
      on: status === "in_collection" ? null : on || null,
      agency: status === "in_collection" ? agency : null,
      reason,
    });
    setClientErrors(errors);
    if (!input) return focusFirst(errors);
    record.mutate({ invoiceId: invoice.id, ...input }, { onSuccess: (r) => onClose(r.outcome) });
  };
  return (
    <form onSubmit={submit} noValidate className="form">
      <h4>{t("factsRecordInvoiceHeading", { number: invoice.invoiceNumber })}</h4>
      <ChoiceGroup
        {...wire("status")}
        legend={t("factsOutcome")}
        options={offered}
        value={status}
        onChange={(next) => {
          setStatus(next);
          setClientErrors(null);
        }}
      />
      {status && status !== "in_collection" && (
        <InputField
          {...wire("on")}
          type="date"
          label={status === "paid" ? t("factsPaidOn") : t("factsWrittenOffOn")}
          value={on}
          onValue={setOn}
        />
      )}
      {status === "in_collection" && (
        <InputField {...wire("agency")} label={t("factsAgency")} value={agency} onValue={setAgency} />
      )}
      <ReasonField {...wire("reason")} value={reason} onValue={setReason} />
      <FormActions pending={record.isPending} label={t("factsSave")} pendingLabel={t("factsSaving")} error={formError}>
        <button type="button" className="secondary" onClick={() => onClose(null)}>
          {t("factsCancel")}
        </button>
      </FormActions>
    </form>
  );
}
