import {
  daysLeft,
  dueStatus,
  helsinkiDate,
  isPending,
  requestStateNames,
  requestTypeNames,
  restrictionGroundNames,
} from "@tietoni/domain";
import {
  ApiError,
  CustomerRecordView,
  ErrorMessage,
  errorCode,
  formatDate,
  formatDateTime,
  Loading,
} from "@tietoni/ui";
import { type ReactNode, useId, useState } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { type DeskRequest, useDeskRequest } from "../api/get-desk-request.ts";
import { useI18n } from "../messages.ts";
import { ActionPanel } from "./action-panel.tsx";
import { AssignmentForm } from "./assignment-form.tsx";
import { CorrectionDiff } from "./correction-diff.tsx";
import { DueBadge } from "./due-badge.tsx";
import { ErasureGrounds } from "./erasure-grounds.tsx";
import { PaperAccessPanel } from "./paper-access-panel.tsx";
import { RecipientNotifications } from "./recipient-notifications.tsx";
import { RequestHistory } from "./request-history.tsx";
import { RequestNotes } from "./request-notes.tsx";
import { channelKeys } from "./request-queue.tsx";
import { UndeliveredNotices } from "./undelivered-notices.tsx";

const customerName = (d: DeskRequest) =>
  d.customer ? `${d.customer.profile.firstName} ${d.customer.profile.lastName}` : null;

/**
 * One request with everything needed to decide it. Opening it is an audited read of the customer's data.
 * `operations` renders the erasure and restriction decisions, another feature's, composed by the route.
 */
export function RequestPage({ id, operations }: { id: string; operations: ReactNode }) {
  const { t, pick } = useI18n();
  const detail = useDeskRequest(id);
  const [announcement, setAnnouncement] = useState("");
  const notFound = detail.error instanceof ApiError && detail.error.status === 404;
  const err = notFound ? null : errorCode(detail.error);
  const d = detail.data;

  return (
    <>
      <p>
        <Link to={paths.requests}>{t("deskBackToQueue")}</Link>
      </p>
      <h1>
        {d
          ? `${pick(requestTypeNames[d.request.type])}: ${customerName(d) ?? t("deskAnonymised")}`
          : t("deskRequestTitle")}
      </h1>
      <p role="status" className={announcement ? "success-message" : undefined}>
        {announcement}
      </p>
      {detail.isPending && <Loading />}
      {notFound && <p>{t("deskRequestNotFound")}</p>}
      {err && <ErrorMessage code={err} />}
      {d && <RequestDetail d={d} onDone={setAnnouncement} operations={operations} />}
    </>
  );
}

function RequestDetail({
  d,
  onDone,
  operations,
}: {
  d: DeskRequest;
  onDone: (message: string) => void;
  operations: ReactNode;
}) {
  const { t, pick, locale } = useI18n();
  const id = useId();
  const { request } = d;
  const pending = isPending(request.state);
  const today = helsinkiDate(Date.now());

  return (
    <>
      <p className="note">{t("deskReadLogged")}</p>
      <UndeliveredNotices notices={d.undeliveredNotices} />

      <section aria-labelledby={`${id}-summary`}>
        <h2 id={`${id}-summary`}>{t("deskSummaryHeading")}</h2>
        <dl className="fields">
          <dt>{t("deskColState")}</dt>
          <dd>
            <strong>{pick(requestStateNames[request.state])}</strong>
          </dd>
          <dt>{t("deskColChannel")}</dt>
          <dd>{t(channelKeys[request.channel])}</dd>
          <dt>{t("deskReceivedOn")}</dt>
          <dd>{formatDate(request.receivedOn, locale)}</dd>
          <dt>{t("deskDueOn")}</dt>
          <dd>
            {formatDate(request.dueOn, locale)}{" "}
            <DueBadge
              daysLeft={pending ? daysLeft(request.dueOn, today) : null}
              dueStatus={pending ? dueStatus(request.receivedOn, request.dueOn, today) : null}
            />
          </dd>
          {request.extension && (
            <>
              <dt>{t("deskExtendHeading")}</dt>
              <dd>
                {t("deskExtendedBy", {
                  months: request.extension.months,
                  date: formatDateTime(request.extension.at, locale),
                  reasons: request.extension.reasons,
                })}
              </dd>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby={`${id}-customer`}>
        <h2 id={`${id}-customer`}>{t("deskCustomerHeading")}</h2>
        {d.customer ? (
          <>
            <dl className="fields">
              <dt>{t("colName")}</dt>
              <dd>{customerName(d)}</dd>
              <dt>{t("colEmail")}</dt>
              <dd>{d.customer.profile.email}</dd>
            </dl>
            <p>
              <Link to={paths.customer(d.customerId)}>{t("deskCustomerOpen")}</Link>
            </p>
            <details className="desk-record">
              <summary>{t("deskCustomerRecordSummary")}</summary>
              <CustomerRecordView record={d.customer} />
            </details>
          </>
        ) : (
          <p>{t("deskCustomerGone")}</p>
        )}
      </section>

      <section aria-labelledby={`${id}-text`}>
        <h2 id={`${id}-text`}>{t("deskRequestTextHeading")}</h2>
        {request.correction ? (
          <CorrectionDiff correction={request.correction} />
        ) : (
          <>
            {request.restrictionGround && (
              <p>
                <strong>{t("deskRestrictionGround")}:</strong> {pick(restrictionGroundNames[request.restrictionGround])}
              </p>
            )}
            {request.text ? <p className="desk-text">{request.text}</p> : <p className="note">{t("deskNoText")}</p>}
          </>
        )}
      </section>

      {d.erasure && <ErasureGrounds assessment={d.erasure} />}

      {request.type === "access" && request.channel !== "portal" && (
        <PaperAccessPanel requestId={request.id} identity={d.identity} pending={pending} onDone={onDone} />
      )}
      <ActionPanel key={request.state} request={request} onDone={onDone} />
      {d.notifications && (
        <RecipientNotifications
          notifications={d.notifications}
          decided={request.decision?.outcome === "completed"}
          onDone={onDone}
        />
      )}
      {operations}

      <AssignmentForm key={d.assignedTo?.id ?? ""} requestId={request.id} assignedTo={d.assignedTo} pending={pending} />
      <RequestNotes requestId={request.id} notes={d.notes} />
      <RequestHistory timeline={d.timeline} />
    </>
  );
}
