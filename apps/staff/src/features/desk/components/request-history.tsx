import { isLiftToldOtherwiseMethod, liftToldOtherwiseLabels, type RegisterDescription } from "@tietoni/domain";
import { DataTable, formatDateTime, useNotice } from "@tietoni/ui";
import { useId } from "react";
import type { DeskRequest } from "../api/get-desk-request.ts";
import { useI18n } from "../messages.ts";

const eventKeys = {
  received: "deskEventReceived",
  inProgress: "deskEventInProgress",
  extended: "deskEventExtended",
  refused: "deskEventRefused",
  completed: "deskEventCompleted",
  cancelled: "deskEventCancelled",
  assigned: "deskEventAssigned",
  notified: "deskEventNotified",
  identityVerified: "deskEventIdentityVerified",
  exportMailed: "deskEventExportMailed",
  exportLetter: "deskEventExportLetter",
  liftNoticeSent: "deskEventLiftNoticeSent",
  liftToldOtherwise: "deskEventLiftToldOtherwise",
  restrictionLifted: "deskEventRestrictionLifted",
} as const;

const isKnownEvent = (e: string): e is keyof typeof eventKeys => Object.hasOwn(eventKeys, e);

/**
 * A notification step stores "source:<id>" or "recipient:<id>" (a party of the notice) or "system:<name>" (a
 * connected system, issue 13); staff read the party's name.
 */
function partyName(
  notice: RegisterDescription,
  note: string | null,
  pick: (text: { fi: string; en: string }) => string,
): string | null {
  const [kind, ...rest] = (note ?? "").split(":");
  const id = rest.join(":");
  if (kind === "system") return id;
  const sources: Record<string, { name: { fi: string; en: string } }> = notice.sources;
  const recipients: Record<string, { name: { fi: string; en: string } }> = notice.recipients;
  const entry = kind === "source" && id ? sources[id] : kind === "recipient" && id ? recipients[id] : undefined;
  return entry ? pick(entry.name) : note;
}

/** Who did what and when; steps the customer does not see are marked. */
export function RequestHistory({ timeline }: { timeline: DeskRequest["timeline"] }) {
  const { t, locale, pick } = useI18n();
  const notice = useNotice();
  const headingId = useId();
  const who = (actor: DeskRequest["timeline"][number]["actor"]) =>
    actor.type === "customer"
      ? t("deskActorCustomer")
      : actor.type === "system"
        ? t("deskActorSystem")
        : (actor.name ?? "");
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("deskHistoryHeading")}</h2>
      <DataTable
        caption={t("deskHistoryCaption")}
        columns={[t("deskHistoryWhen"), t("deskHistoryWhat"), t("deskHistoryWho"), t("deskHistoryNote")]}
        rows={timeline}
        rowKey={(step, i) => `${step.at}-${i}`}
      >
        {(step) => (
          <>
            <td>{formatDateTime(step.at, locale)}</td>
            <td>
              {isKnownEvent(step.event) ? t(eventKeys[step.event]) : step.event}
              {step.internal && <span className="note"> {t("deskHistoryInternal")}</span>}
            </td>
            <td>{who(step.actor)}</td>
            <td className="desk-text">
              {step.event === "notified"
                ? partyName(notice, step.note, pick)
                : step.event === "liftToldOtherwise" && isLiftToldOtherwiseMethod(step.note)
                  ? pick(liftToldOtherwiseLabels[step.note])
                  : step.note}
            </td>
          </>
        )}
      </DataTable>
    </section>
  );
}
