import {
  categoryName,
  type DataCategoryId,
  type DisclosureLegalBasis,
  type DisclosureReason,
  dataCategoryIds,
  disclosureLegalBases,
  disclosureLegalBasisLabels,
  disclosureReasonLabels,
  disclosureReasons,
  helsinkiDate,
  OWN_STAFF_RECIPIENT,
  partyName,
  type RegisterDescription,
} from "@tietoni/domain";
import {
  DisclosureTable,
  EmptyState,
  ErrorMessage,
  errorCode,
  FieldError,
  FormError,
  fieldErrors,
  formError,
  InputField,
  Loading,
  SelectField,
  SubmitButton,
  useNotice,
} from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { type DisclosureSystems, useDisclosures } from "../api/get-disclosures.ts";
import { type RecordDisclosureBody, useRecordDisclosure } from "../api/record-disclosure.ts";
import { useI18n } from "../messages.ts";

/**
 * The customer's disclosure log on their record (issue 13), and the form staff record a disclosure with. Shows
 * nothing for a customer the BFF does not know (the record page says so).
 */
export function DisclosuresPanel({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const id = useId();
  const log = useDisclosures(customerId);
  if (log.isError && errorCode(log.error) === "not_found") return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="operations-panel">
      <h2 id={`${id}-heading`}>{t("disclosuresHeading")}</h2>
      <p className="note">{t("disclosuresIntro")}</p>
      {log.isPending && <Loading />}
      {log.isError && <ErrorMessage code={errorCode(log.error) ?? "server_error"} />}
      {log.data && (
        <>
          <DisclosureTable
            caption={t("disclosuresCaption")}
            disclosures={log.data.disclosures}
            empty={<EmptyState>{t("disclosuresNone")}</EmptyState>}
          />
          <RecordDisclosureForm customerId={customerId} systems={log.data.systems} />
        </>
      )}
    </section>
  );
}

const FIELDS = ["recipient", "categories", "legalBasis", "reason", "disclosedOn"] as const;

// The controller's own staff are not a recipient one discloses to by hand.
const noticeRecipientsOf = (notice: RegisterDescription) =>
  Object.keys(notice.recipients).filter((r) => r !== OWN_STAFF_RECIPIENT);

/** The select's value: which kind of recipient, and its id. */
function recipientOf(value: string): RecordDisclosureBody["recipient"] {
  const [kind, ...rest] = value.split(":");
  const id = rest.join(":");
  // An unchosen recipient goes as an empty id, so the BFF names the field.
  if (kind === "system") return { kind: "system", systemId: id };
  return { kind: "notice_recipient", recipientId: id };
}

function RecordDisclosureForm({ customerId, systems }: { customerId: string; systems: DisclosureSystems }) {
  const { t, pick } = useI18n();
  const notice = useNotice();
  const record = useRecordDisclosure(customerId);
  const base = useId();
  const [recipient, setRecipient] = useState("");
  const [categories, setCategories] = useState<DataCategoryId[]>([]);
  const [legalBasis, setLegalBasis] = useState("");
  const [reason, setReason] = useState("");
  const [disclosedOn, setDisclosedOn] = useState(() => helsinkiDate(Date.now()));
  const [done, setDone] = useState("");
  const errors = fieldErrors(record.error);
  // A refused recipient is named by its inner field ("recipient.systemId") when the schema refuses it.
  const recipientError = [...errors].find(([path]) => path.startsWith("recipient"))?.[1];

  const toggle = (c: DataCategoryId) =>
    setCategories((old) => (old.includes(c) ? old.filter((x) => x !== c) : [...old, c]));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone("");
    record.mutate(
      {
        recipient: recipientOf(recipient),
        categories,
        legalBasis: legalBasis as DisclosureLegalBasis,
        reason: reason as DisclosureReason,
        disclosedOn,
      },
      {
        onSuccess: () => {
          setDone(t("disclosuresSaved"));
          setRecipient("");
          setCategories([]);
          setLegalBasis("");
          setReason("");
        },
      },
    );
  };

  const headingId = `${base}-heading`;
  const categoriesId = `${base}-categories`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t("disclosuresFormHeading")}</h3>
      <p>{t("disclosuresFormIntro")}</p>
      <form onSubmit={submit} noValidate className="form">
        <SelectField
          id={`${base}-recipient`}
          label={t("disclosuresRecipient")}
          placeholder={t("disclosuresChooseRecipient")}
          options={[
            ...noticeRecipientsOf(notice).map((r) => ({
              value: `notice_recipient:${r}`,
              label: t("disclosuresNoticeOption", { name: pick(partyName(notice, "recipient", r)) }),
            })),
            ...systems.map((s) => ({
              value: `system:${s.id}`,
              label: t("disclosuresSystemOption", { name: s.name }),
            })),
          ]}
          value={recipient}
          onValue={setRecipient}
          error={recipientError}
        />
        <fieldset id={categoriesId} aria-describedby={errors.get("categories") ? `${categoriesId}-error` : undefined}>
          <legend>{t("disclosuresCategories")}</legend>
          {dataCategoryIds.map((c) => (
            <div className="choice" key={c}>
              <input
                type="checkbox"
                id={`${categoriesId}-${c}`}
                checked={categories.includes(c)}
                onChange={() => toggle(c)}
              />
              <label htmlFor={`${categoriesId}-${c}`}>{pick(categoryName(notice, c))}</label>
            </div>
          ))}
          <FieldError id={`${categoriesId}-error`} code={errors.get("categories")} />
        </fieldset>
        <SelectField
          id={`${base}-basis`}
          label={t("disclosuresLegalBasis")}
          placeholder={t("disclosuresChoose")}
          options={disclosureLegalBases.map((b) => ({ value: b, label: pick(disclosureLegalBasisLabels[b]) }))}
          value={legalBasis}
          onValue={setLegalBasis}
          error={errors.get("legalBasis")}
        />
        <SelectField
          id={`${base}-reason`}
          label={t("disclosuresReason")}
          placeholder={t("disclosuresChoose")}
          options={disclosureReasons.map((r) => ({ value: r, label: pick(disclosureReasonLabels[r]) }))}
          value={reason}
          onValue={setReason}
          error={errors.get("reason")}
        />
        <InputField
          id={`${base}-day`}
          type="date"
          label={t("disclosuresDay")}
          hint={t("disclosuresDayHint")}
          max={helsinkiDate(Date.now())}
          value={disclosedOn}
          onValue={setDisclosedOn}
          error={errors.get("disclosedOn")}
        />
        <FormError
          code={formError(record.error, [...FIELDS, ...[...errors.keys()].filter((p) => p.startsWith("recipient"))])}
        />
        <SubmitButton pending={record.isPending} label={t("disclosuresSave")} pendingLabel={t("disclosuresSaving")} />
      </form>
      <p role="status" className={done ? "success-message" : undefined}>
        {done}
      </p>
    </section>
  );
}
