import { EmptyState, ErrorMessage, errorCode, formatDateTime, Loading } from "@tietoni/ui";
import { useId, useState } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useOpenRecipientNotifications } from "../api/get-open-recipient-notifications.ts";
import { useI18n } from "../messages.ts";
import { PartyCategories, PartyName, PartyStatus, triggerKeys } from "./party-status.tsx";

/**
 * The desk's "Recipients to notify" (Art. 19, issue 13): every party still to tell, oldest first. A change the
 * customer made in the portal has no request, so this is where its tasks are; the others link to their request.
 */
export function RecipientsToNotify() {
  const { t, locale } = useI18n();
  const headingId = useId();
  const list = useOpenRecipientNotifications();
  const [announcement, setAnnouncement] = useState("");
  const err = errorCode(list.error);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("deskRecipientsHeading")}</h2>
      <p>{t("deskRecipientsIntro")}</p>
      <p role="status" className={announcement ? "success-message" : undefined}>
        {announcement}
      </p>
      {list.isPending && <Loading />}
      {err && <ErrorMessage code={err} />}
      {list.data &&
        (list.data.notifications.length === 0 ? (
          <EmptyState>{t("deskRecipientsNone")}</EmptyState>
        ) : (
          <table>
            <caption>{t("deskRecipientsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("deskNotifyParty")}</th>
                <th scope="col">{t("deskRecipientsCustomer")}</th>
                <th scope="col">{t("deskRecipientsChange")}</th>
                <th scope="col">{t("deskNotifyData")}</th>
                <th scope="col">{t("deskRecipientsSince")}</th>
                <th scope="col">{t("deskNotifyState")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.notifications.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <PartyName n={n} />
                  </th>
                  <td>
                    {n.customerName === null ? (
                      t("deskRecipientsAnonymised")
                    ) : (
                      <Link to={paths.customer(n.customerId)}>{n.customerName}</Link>
                    )}
                  </td>
                  <td>
                    {t(triggerKeys[n.trigger])}:{" "}
                    {n.requestId ? (
                      <Link to={paths.request(n.requestId)}>{t("deskRecipientsOpenRequest")}</Link>
                    ) : (
                      t("deskRecipientsOwnEdit")
                    )}
                  </td>
                  <td>
                    <PartyCategories n={n} />
                  </td>
                  <td>{formatDateTime(n.createdAt, locale)}</td>
                  <td>
                    <PartyStatus n={n} onConfirmed={setAnnouncement} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
