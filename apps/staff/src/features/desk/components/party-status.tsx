import { categoryName, type RecipientNotificationView } from "@tietoni/domain";
import { ErrorMessage, errorCode, formatDateTime, useNotice } from "@tietoni/ui";
import { useConfirmRecipientNotification } from "../api/confirm-recipient-notification.ts";
import { useI18n } from "../messages.ts";

const kindKeys = {
  system: "deskNotifyKindSystem",
  notice_recipient: "deskNotifyKindRecipient",
  notice_source: "deskNotifyKindSource",
} as const;

export const triggerKeys = {
  correction: "deskNotifyTriggerCorrection",
  erasure: "deskNotifyTriggerErasure",
  restriction: "deskNotifyTriggerRestriction",
} as const;

/** The party's name and what kind of party it is. */
export function PartyName({ n }: { n: RecipientNotificationView }) {
  const { t, pick } = useI18n();
  return (
    <>
      {pick(n.party.name)} <span className="note">({t(kindKeys[n.party.kind])})</span>
    </>
  );
}

/** The concerned categories, in the notice's words. */
export function PartyCategories({ n }: { n: RecipientNotificationView }) {
  const { pick } = useI18n();
  const notice = useNotice();
  return <>{n.categories.map((c) => pick(categoryName(notice, c))).join(", ")}</>;
}

/** How the party is told. */
export function PartyMethod({ n }: { n: RecipientNotificationView }) {
  const { t } = useI18n();
  return <>{t(n.method === "webhook" ? "deskNotifyByWebhook" : "deskNotifyByTask")}</>;
}

/**
 * Where telling the party stands: told (by whom and when, or the webhook's delivery), the webhook's state, or the
 * button that confirms staff told them (an open task, or a webhook that finally failed).
 */
export function PartyStatus({
  n,
  onConfirmed,
}: {
  n: RecipientNotificationView;
  onConfirmed: (message: string) => void;
}) {
  const { t, pick, locale } = useI18n();
  const confirm = useConfirmRecipientNotification();
  const party = pick(n.party.name);
  const err = errorCode(confirm.error);
  if (n.status === "done") {
    const at = n.doneAt ? formatDateTime(n.doneAt, locale) : "";
    return <>{n.doneBy ? t("deskNotifyDone", { at, name: n.doneBy }) : t("deskNotifyDelivered", { at })}</>;
  }
  return (
    <>
      {n.method === "webhook" && (
        <span>
          {t(
            n.delivery === "dead"
              ? "deskNotifyDead"
              : n.delivery === "failing"
                ? "deskNotifyFailing"
                : "deskNotifyDelivering",
          )}{" "}
        </span>
      )}
      {n.confirmable && (
        <button
          type="button"
          className="secondary"
          disabled={confirm.isPending}
          onClick={() => confirm.mutate(n.id, { onSuccess: () => onConfirmed(t("deskNotifyConfirmed", { party })) })}
        >
          {t("deskNotifyConfirm", { party })}
        </button>
      )}
      {err && <ErrorMessage code={err} />}
    </>
  );
}
