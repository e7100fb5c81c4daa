import { formatDate } from "@tietoni/ui";
import { useEffect } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useNoticeChange } from "../api/get-notice-change.ts";
import { useMarkNoticeSeen } from "../api/mark-notice-seen.ts";
import { useI18n } from "../messages.ts";

/**
 * "Our privacy notice changed on <date>", for a signed-in customer until they have seen the notice in force: they
 * open the notice (the link, or the notice page any other way) or dismiss the banner.
 */
export function NoticeChangeBanner({ signedIn }: { signedIn: boolean }) {
  const { t, locale } = useI18n();
  const change = useNoticeChange(signedIn).data?.change;
  const seen = useMarkNoticeSeen();
  if (!signedIn || !change) return null;
  return (
    <section className="notice-change" aria-label={t("noticeChangeLabel")}>
      <p>
        {t("noticeChangeText", { date: formatDate(change.changedOn, locale) })}{" "}
        <Link to={paths.aboutRegister}>{t("noticeChangeRead")}</Link>
      </p>
      <button type="button" className="secondary" disabled={seen.isPending} onClick={() => seen.mutate()}>
        {t("noticeChangeDismiss")}
      </button>
    </section>
  );
}

/** On the notice page: a signed-in customer told of a change has now seen it. */
export function useNoticeSeenOnVisit(signedIn: boolean) {
  const change = useNoticeChange(signedIn).data?.change;
  const { mutate } = useMarkNoticeSeen();
  useEffect(() => {
    if (signedIn && change) mutate();
  }, [signedIn, change, mutate]);
}
