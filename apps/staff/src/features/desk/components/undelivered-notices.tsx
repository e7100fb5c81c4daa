import { outboxStatusLabels } from "@tietoni/domain";
import { formatDateTime } from "@tietoni/ui";
import { useId } from "react";
import type { DeskRequest } from "../api/get-desk-request.ts";
import { useI18n } from "../messages.ts";

/**
 * Issue 13: a notice the law requires (refusal, extension, lift notice) that has not reached the customer is flagged
 * on its request until it is delivered — staff then know the customer may not have been told, and an admin can
 * retry it from the delivery log.
 */
export function UndeliveredNotices({ notices }: { notices: DeskRequest["undeliveredNotices"] }) {
  const { t, pick, locale } = useI18n();
  const id = useId();
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby={id} className="desk-panel">
      <h2 id={id}>{t("deskNoticeUndeliveredHeading")}</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.outboxId} className="desk-warning">
            {t("deskNoticeUndelivered", {
              notice: pick(n.templateLabel),
              status: pick(outboxStatusLabels[n.status]),
              attempts: n.attempts,
            })}{" "}
            {n.lastError && t("deskNoticeLastError", { error: n.lastError })}{" "}
            {n.lastAttemptAt && t("deskNoticeLastAttempt", { date: formatDateTime(n.lastAttemptAt, locale) })}
          </li>
        ))}
      </ul>
      <p>{t("deskNoticeUndeliveredHelp")}</p>
    </section>
  );
}
