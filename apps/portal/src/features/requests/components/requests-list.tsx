import { type RequestType, requestTypeNames } from "@tietoni/domain";
import { EmptyState, ErrorMessage, formatDate, Loading } from "@tietoni/ui";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useRecipientNotifications } from "../api/get-recipient-notifications.ts";
import { useRequests } from "../api/get-requests.ts";
import { useI18n } from "../messages.ts";
import type { RequestSent } from "../utils/request-sent.ts";
import { RecipientsTold } from "./recipients-told.tsx";
import { RequestItem } from "./request-item.tsx";
import { EndedRestrictions, RestrictionBanner } from "./restriction-banner.tsx";

type Notice = { kind: "sent"; sent: RequestSent } | { kind: "cancelled"; type: RequestType };

/** The customer's requests with their deadlines and decisions, and the restriction in force, if any. */
export function RequestsList({ sent }: { sent: RequestSent | null }) {
  const { t, pick, locale } = useI18n();
  const requests = useRequests();
  const told = useRecipientNotifications().data?.notifications ?? [];
  const toldOfOwnEdits = told.filter((n) => n.requestId === null);
  const [notice, setNotice] = useState<Notice | null>(sent && { kind: "sent", sent });
  const status = useRef<HTMLDivElement>(null);

  // After a cancellation the button that was pressed is gone; the confirmation takes the focus.
  useEffect(() => {
    if (notice?.kind === "cancelled") status.current?.focus();
  }, [notice]);

  const noticeText =
    notice?.kind === "sent"
      ? t("requestsSent", {
          type: pick(requestTypeNames[notice.sent.type]),
          date: formatDate(notice.sent.dueOn, locale),
        })
      : notice?.kind === "cancelled"
        ? t("requestsCancelled", { type: pick(requestTypeNames[notice.type]) })
        : null;

  return (
    <>
      <h1>{t("requestsTitle")}</h1>
      <div ref={status} role="status" tabIndex={-1} className="requests-status">
        {noticeText && <p className="success-message">{noticeText}</p>}
      </div>
      <p>{t("requestsIntro")}</p>
      <ul className="requests-links">
        <li>
          <Link className="button" to={paths.newRequest}>
            {t("requestsNewLink")}
          </Link>
        </li>
        <li>
          <Link className="button secondary" to={paths.erasure}>
            {t("requestsErasureLink")}
          </Link>
        </li>
      </ul>
      {requests.isPending && <Loading />}
      {requests.isError && <ErrorMessage code="server_error" />}
      {requests.data && (
        <>
          {requests.data.restriction && <RestrictionBanner restriction={requests.data.restriction} />}
          <EndedRestrictions ended={requests.data.endedRestrictions} />
          <section aria-labelledby="requests-list-heading">
            <h2 id="requests-list-heading">{t("requestsListHeading")}</h2>
            {requests.data.requests.length === 0 ? (
              <EmptyState>{t("requestsNone")}</EmptyState>
            ) : (
              <ul className="requests-list">
                {requests.data.requests.map((request) => (
                  <li key={request.id}>
                    <RequestItem
                      request={request}
                      told={told.filter((n) => n.requestId === request.id)}
                      onCancelled={() => setNotice({ kind: "cancelled", type: request.type })}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <RecipientsTold
            items={toldOfOwnEdits}
            heading={t("requestsToldOwnHeading")}
            intro={t("requestsToldOwnIntro")}
            level={2}
          />
        </>
      )}
    </>
  );
}
