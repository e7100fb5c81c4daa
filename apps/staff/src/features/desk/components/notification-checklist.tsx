import { ErrorMessage, errorCode, formatDateTime } from "@tietoni/ui";
import { useId } from "react";
import { useConfirmNotification } from "../api/confirm-notification.ts";
import type { DeskRequest } from "../api/get-desk-request.ts";
import { useI18n } from "../messages.ts";

type Notifications = NonNullable<DeskRequest["notifications"]>;

/**
 * Art. 19: each party the domain lists (the wrong datum's source, the recipients it went to) is told of the
 * correction, and staff confirm each one. Confirmation is possible once the correction has been made.
 */
export function NotificationChecklist({
  requestId,
  notifications,
  approved,
  onDone,
}: {
  requestId: string;
  notifications: Notifications;
  approved: boolean;
  onDone: (message: string) => void;
}) {
  const { t, pick, locale } = useI18n();
  const headingId = useId();
  const confirm = useConfirmNotification(requestId);
  const err = errorCode(confirm.error);
  const confirmedOf = (kind: string, partyId: string) =>
    notifications.confirmed.find((c) => c.partyKind === kind && c.partyId === partyId);
  const allDone = notifications.parties.every((p) => confirmedOf(p.kind, p.id));

  return (
    <section aria-labelledby={headingId} className="desk-panel">
      <h2 id={headingId}>{t("deskNotifyHeading")}</h2>
      <p>{t("deskNotifyIntro")}</p>
      {!approved && <p className="note">{t("deskNotifyAfterApproval")}</p>}
      {notifications.parties.length === 0 ? (
        <p>{t("deskNotifyNone")}</p>
      ) : (
        <ul className="desk-parties">
          {notifications.parties.map((party) => {
            const done = confirmedOf(party.kind, party.id);
            const name = pick(party.name);
            return (
              <li key={`${party.kind}:${party.id}`}>
                <span className="desk-party-name">
                  {name}{" "}
                  <span className="note">
                    ({t(party.kind === "source" ? "deskNotifySource" : "deskNotifyRecipient")})
                  </span>
                </span>
                {done ? (
                  <span className="desk-party-done">
                    {t("deskNotifyDone", { at: formatDateTime(done.at, locale), name: done.staffName })}
                  </span>
                ) : approved ? (
                  <button
                    type="button"
                    className="secondary"
                    disabled={confirm.isPending}
                    onClick={() =>
                      confirm.mutate(
                        { partyKind: party.kind, partyId: party.id },
                        { onSuccess: () => onDone(t("deskNotifyConfirmed", { party: name })) },
                      )
                    }
                  >
                    {t("deskNotifyConfirm", { party: name })}
                  </button>
                ) : (
                  <span>{t("deskNotifyPending")}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {approved && allDone && notifications.parties.length > 0 && <p>{t("deskNotifyAllDone")}</p>}
      {err && <ErrorMessage code={err} />}
    </section>
  );
}
