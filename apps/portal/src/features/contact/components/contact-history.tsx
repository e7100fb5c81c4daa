import { type CorrectableField, correctableByRequest, correctableFieldNames } from "@tietoni/domain";
import { EmptyState, ErrorMessage, formatDateTime, Loading, TableRegion } from "@tietoni/ui";
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
const isActor = (actor: string): actor is keyof typeof actorKeys => Object.hasOwn(actorKeys, actor);

/** Every change to the customer's data: what, from what to what, when, by whom and why. */
export function ContactHistory() {
  const { t, pick, locale } = useI18n();
  const history = useContactHistory();
  const headingId = useId();

  const fieldName = (field: string) => {
    if (isDirectField(field)) return t(directFieldKeys[field]);
    if (isCorrectableField(field)) return pick(correctableFieldNames[field]);
    return field;
  };
  const value = (v: string | null) => (v === null || v === "" ? t("contactHistoryNoValue") : v);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("contactHistoryHeading")}</h2>
      {history.isPending && <Loading />}
      {history.isError && <ErrorMessage code="server_error" />}
      {history.data &&
        (history.data.changes.length === 0 ? (
          <EmptyState>{t("contactHistoryNone")}</EmptyState>
        ) : (
          <TableRegion label={t("contactHistoryCaption")}>
            <table>
              <caption>{t("contactHistoryCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("contactHistoryAt")}</th>
                  <th scope="col">{t("contactHistoryField")}</th>
                  <th scope="col">{t("contactHistoryOld")}</th>
                  <th scope="col">{t("contactHistoryNew")}</th>
                  <th scope="col">{t("contactHistoryActor")}</th>
                  <th scope="col">{t("contactHistoryReason")}</th>
                </tr>
              </thead>
              <tbody>
                {history.data.changes.map((change, i) => (
                  // A change has no id of its own; the list is append-only, so position and time identify it.
                  <tr key={`${change.at}-${change.field}-${i}`}>
                    <td>{formatDateTime(change.at, locale)}</td>
                    <th scope="row">{fieldName(change.field)}</th>
                    <td>{value(change.oldValue)}</td>
                    <td>{value(change.newValue)}</td>
                    <td>{isActor(change.actorType) ? t(actorKeys[change.actorType]) : change.actorType}</td>
                    {/* The BFF records one fixed reason for self-service edits; the customer reads it in their language. */}
                    <td>{change.actorType === "customer" ? t("contactHistoryOwnChange") : (change.reason ?? "")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ))}
    </section>
  );
}
