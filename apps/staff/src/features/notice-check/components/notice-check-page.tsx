import { ErrorMessage, errorCode, formatDate, formatDateTime, Loading } from "@tietoni/ui";
import { useNoticeCheck } from "../api/get-notice-check.ts";
import { useI18n } from "../messages.ts";

/** Each warning as a section: what, where in the file, why, and the guidance it rests on. */
export function NoticeCheckPage() {
  const { t, locale } = useI18n();
  const check = useNoticeCheck();
  const err = errorCode(check.error);
  if (err) return <ErrorMessage code={err} />;
  if (!check.data) return <Loading />;
  const { warnings, version, noticeDate } = check.data;
  return (
    <>
      <p>
        {version
          ? t("noticeCheckVersion", {
              id: String(version.id),
              date: formatDate(version.noticeDate, locale),
              since: formatDateTime(version.inForceSince, locale),
            })
          : t("noticeCheckNoVersion", { date: formatDate(noticeDate, locale) })}
      </p>
      <p role="status">
        {warnings.length === 0 ? t("noticeCheckNone") : t("noticeCheckCount", { count: warnings.length })}
      </p>
      <ol className="notice-check-warnings">
        {warnings.map((w) => (
          <li key={`${w.code}-${w.path}`} className="notice-check-warning">
            <h2>{t(`noticeCheckCode_${w.code}`)}</h2>
            <p>
              {t("noticeCheckWhere")}: <code>{w.path}</code>
            </p>
            <p>{w.reason[locale]}</p>
            <p>
              {t("noticeCheckGuidance")}:{" "}
              <a href={w.guidance.url} target="_blank" rel="noreferrer">
                {w.guidance.title[locale]}
              </a>
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
