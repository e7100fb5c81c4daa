import {
  canCancel,
  correctableFieldNames,
  daysLeft,
  helsinkiDate,
  isPending,
  type RequestView,
  requestStateNames,
  requestTypeNames,
  restrictionGroundNames,
} from "@tietoni/domain";
import { formatDate } from "@tietoni/ui";
import { useId } from "react";
import type { RecipientNotification } from "../api/get-recipient-notifications.ts";
import { useI18n } from "../messages.ts";
import { CancelRequest } from "./cancel-request.tsx";
import { ComplaintRoute } from "./complaint-route.tsx";
import { PartialErasureOutcome } from "./partial-erasure-outcome.tsx";
import { RecipientsTold } from "./recipients-told.tsx";

const channelKeys = {
  portal: "requestsChannelPortal",
  paper: "requestsChannelPaper",
  email: "requestsChannelEmail",
} as const;

function TimeLeft({ dueOn }: { dueOn: string }) {
  const { t } = useI18n();
  const days = daysLeft(dueOn, helsinkiDate(Date.now()));
  if (days < 0) return <>{t("requestsOverdue", { days: -days })}</>;
  if (days === 0) return <>{t("requestsDueToday")}</>;
  if (days === 1) return <>{t("requestsDaysLeftOne")}</>;
  return <>{t("requestsDaysLeftMany", { days })}</>;
}

/**
 * One request: what was asked, where it stands, its deadline, any extension or decision with reasons, and the
 * recipients told of what it changed (Art. 19).
 */
export function RequestItem({
  request,
  told,
  onCancelled,
}: {
  request: RequestView;
  told: readonly RecipientNotification[];
  onCancelled: () => void;
}) {
  const { t, pick, locale } = useI18n();
  const headingId = useId();
  const { correction, extension, decision } = request;

  return (
    <article className="requests-item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {pick(requestTypeNames[request.type])}
        <span className="visually-hidden">
          {" "}
          ({t("requestsReceived")} {formatDate(request.receivedOn, locale)})
        </span>
      </h3>
      <dl className="fields">
        <dt>{t("requestsState")}</dt>
        <dd>
          <strong>{pick(requestStateNames[request.state])}</strong>
        </dd>
        <dt>{t("requestsReceived")}</dt>
        <dd>{formatDate(request.receivedOn, locale)}</dd>
        <dt>{t("requestsDue")}</dt>
        <dd>{formatDate(request.dueOn, locale)}</dd>
        {isPending(request.state) && (
          <>
            <dt>{t("requestsDaysLeft")}</dt>
            <dd>
              <TimeLeft dueOn={request.dueOn} />
            </dd>
          </>
        )}
        {request.channel !== "portal" && (
          <>
            <dt>{t("requestsChannel")}</dt>
            <dd>{t(channelKeys[request.channel])}</dd>
          </>
        )}
        {correction && (
          <>
            <dt>{t("requestsCorrectionField")}</dt>
            <dd>{pick(correctableFieldNames[correction.field])}</dd>
            {correction.currentValue !== null && (
              <>
                <dt>{t("requestsCorrectionCurrent")}</dt>
                <dd>{correction.currentValue}</dd>
              </>
            )}
            <dt>{t("requestsCorrectionNew")}</dt>
            <dd>{correction.newValue}</dd>
            <dt>{t("requestsCorrectionReason")}</dt>
            <dd className="requests-text">{correction.reason}</dd>
          </>
        )}
        {request.restrictionGround && (
          <>
            <dt>{t("requestsGround")}</dt>
            <dd>{pick(restrictionGroundNames[request.restrictionGround])}</dd>
          </>
        )}
        {request.text && (
          <>
            <dt>{t("requestsText")}</dt>
            <dd className="requests-text">{request.text}</dd>
          </>
        )}
      </dl>

      {extension && (
        <section aria-labelledby={`${headingId}-extension`}>
          <h4 id={`${headingId}-extension`}>{t("requestsExtendedHeading")}</h4>
          <p>{t("requestsExtendedText", { months: extension.months, date: formatDate(request.dueOn, locale) })}</p>
          <p className="label">{t("requestsExtensionReasons")}</p>
          <p className="requests-text">{extension.reasons}</p>
        </section>
      )}

      {decision?.outcome === "completed" && (
        <section aria-labelledby={`${headingId}-decision`}>
          <h4 id={`${headingId}-decision`}>{t("requestsDecision")}</h4>
          <p className="note">{t("requestsDecidedAt", { date: formatDate(decision.decidedAt, locale) })}</p>
          {decision.reasons && <p className="requests-text">{decision.reasons}</p>}
        </section>
      )}
      {/* Issue 14 A: an erasure carried out to the extent the law allows says what it kept, why and until when. */}
      {decision?.outcome === "completed" && request.type === "erasure" && (
        <PartialErasureOutcome requestId={request.id} level={4} />
      )}

      {decision?.outcome === "refused" && (
        <>
          <section aria-labelledby={`${headingId}-refusal`}>
            <h4 id={`${headingId}-refusal`}>{t("requestsRefusalHeading")}</h4>
            <p className="note">{t("requestsDecidedAt", { date: formatDate(decision.decidedAt, locale) })}</p>
            <p className="requests-text">{decision.reasons}</p>
          </section>
          <ComplaintRoute />
        </>
      )}

      <RecipientsTold items={told} heading={t("requestsToldHeading")} level={4} />

      {canCancel(request.state) && (
        <CancelRequest requestId={request.id} describedBy={headingId} onCancelled={onCancelled} />
      )}
    </article>
  );
}
