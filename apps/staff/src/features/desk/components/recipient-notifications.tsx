import { formatDateTime } from "@tietoni/ui";
import { useId } from "react";
import type { DeskRequest } from "../api/get-desk-request.ts";
import { useI18n } from "../messages.ts";
import { PartyCategories, PartyMethod, PartyName, PartyStatus } from "./party-status.tsx";

type Notifications = NonNullable<DeskRequest["notifications"]>;

/**
 * Art. 19 on a request (issue 13): each party that actually received the data or gave it, how it is told (its
 * webhook, or staff who confirm), and where that stands; the old tick list's confirmations below as history.
 */
export function RecipientNotifications({
  notifications,
  decided,
  onDone,
}: {
  notifications: Notifications;
  /** The request's change was made: its parties have been planned. */
  decided: boolean;
  onDone: (message: string) => void;
}) {
  const { t, pick, locale } = useI18n();
  const headingId = useId();
  const { parties, earlier } = notifications;
  const allDone = parties.length > 0 && parties.every((p) => p.status === "done");

  return (
    <section aria-labelledby={headingId} className="desk-panel">
      <h2 id={headingId}>{t("deskNotifyHeading")}</h2>
      <p>{t("deskNotifyIntro")}</p>
      {parties.length === 0 ? (
        <p className="note">{t(decided ? "deskNotifyNone" : "deskNotifyNotYet")}</p>
      ) : (
        <table>
          <caption>{t("deskNotifyCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("deskNotifyParty")}</th>
              <th scope="col">{t("deskNotifyData")}</th>
              <th scope="col">{t("deskNotifyHow")}</th>
              <th scope="col">{t("deskNotifyState")}</th>
            </tr>
          </thead>
          <tbody>
            {parties.map((n) => (
              <tr key={n.id}>
                <th scope="row">
                  <PartyName n={n} />
                </th>
                <td>
                  <PartyCategories n={n} />
                </td>
                <td>
                  <PartyMethod n={n} />
                </td>
                <td>
                  <PartyStatus n={n} onConfirmed={onDone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {allDone && <p>{t("deskNotifyAllDone")}</p>}
      {earlier.length > 0 && (
        <>
          <h3>{t("deskNotifyEarlierHeading")}</h3>
          <ul>
            {earlier.map((e) => (
              <li key={`${e.partyKind}:${pick(e.name)}:${e.at}`}>
                {pick(e.name)} ({t(e.partyKind === "source" ? "deskNotifySource" : "deskNotifyRecipient")}):{" "}
                {t("deskNotifyDone", { at: formatDateTime(e.at, locale), name: e.staffName })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
