import {
  type CorrectableField,
  correctableByRequest,
  correctableFieldNames,
  type MarketingPurpose,
  marketingPurposeNames,
  marketingPurposes,
  staffRecordFieldNames,
} from "@tietoni/domain";
import { DataTable, EmptyState, ErrorMessage, formatDateTime, Loading } from "@tietoni/ui";
import { useId } from "react";
import { useContactHistory } from "../api/get-contact-history.ts";
import { useI18n } from "../messages.ts";

const directFieldKeys = {
  email: "contactFieldEmail",
  phone: "contactFieldPhone",
  postalAddress: "contactFieldPostalAddress",
  www: "contactFieldWww",
} as const;

const actorKeys = {
  customer: "contactActorCustomer",
  staff: "contactActorStaff",
  system: "contactActorSystem",
} as const;

const isDirectField = (field: string): field is keyof typeof directFieldKeys => Object.hasOwn(directFieldKeys, field);
const isCorrectableField = (field: string): field is CorrectableField => correctableByRequest.some((f) => f === field);
const isPurpose = (p: string): p is MarketingPurpose => marketingPurposes.some((x) => x === p);
const isStaffRecordField = (field: string): field is keyof typeof staffRecordFieldNames =>
  Object.hasOwn(staffRecordFieldNames, field);
const isActor = (actor: string): actor is keyof typeof actorKeys => Object.hasOwn(actorKeys, actor);

/** Every change to the customer's data: what, from what to what, when, by whom and why. */
export function ContactHistory() {
  const { t, pick, locale } = useI18n();
  const history = useContactHistory();
  const headingId = useId();

  const fieldName = (field: string) => {
    if (isDirectField(field)) return t(directFieldKeys[field]);
    if (isCorrectableField(field)) return pick(correctableFieldNames[field]);
    if (isStaffRecordField(field)) return pick(staffRecordFieldNames[field]);
    return field;
  };
  const value = (v: string | null) => (v === null || v === "" ? t("contactHistoryNoValue") : v);
  // Objections recorded by staff list the purposes objected to by id (issue 12); shown by name.
  const shown = (field: string, v: string | null) =>
    field === "marketingObjections" && v
      ? v
          .split(", ")
          .map((p) => (isPurpose(p) ? pick(marketingPurposeNames[p].name) : p))
          .join(", ")
      : value(v);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("contactHistoryHeading")}</h2>
      {history.isPending && <Loading />}
      {history.isError && <ErrorMessage code="server_error" />}
      {history.data && (
        <DataTable
          caption={t("contactHistoryCaption")}
          columns={[
            t("contactHistoryAt"),
            t("contactHistoryField"),
            t("contactHistoryOld"),
            t("contactHistoryNew"),
            t("contactHistoryActor"),
            t("contactHistoryReason"),
          ]}
          rows={history.data.changes}
          // A change has no id of its own; the list is append-only, so position and time identify it.
          rowKey={(change, i) => `${change.at}-${change.field}-${i}`}
          empty={<EmptyState>{t("contactHistoryNone")}</EmptyState>}
        >
          {(change) => (
            <>
              <td>{formatDateTime(change.at, locale)}</td>
              <th scope="row">{fieldName(change.field)}</th>
              <td>{shown(change.field, change.oldValue)}</td>
              <td>{shown(change.field, change.newValue)}</td>
              <td>{isActor(change.actorType) ? t(actorKeys[change.actorType]) : change.actorType}</td>
              {/* The BFF records one fixed reason for self-service edits; the customer reads it in their language. */}
              <td>{change.actorType === "customer" ? t("contactHistoryOwnChange") : (change.reason ?? "")}</td>
            </>
          )}
        </DataTable>
      )}
    </section>
  );
}
