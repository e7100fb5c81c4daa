import {
  type RestrictionGround,
  type RestrictionLiftReason,
  restrictionGroundNames,
  restrictionLiftReasonNames,
} from "@tietoni/domain";
import { formatDate } from "@tietoni/ui";
import { useId } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useI18n } from "../messages.ts";

/**
 * Art. 18: while the record is restricted the customer sees so, with the date and the ground — and that they can
 * still ask for their data to be corrected (Art. 16), which the contact page's own edits are not while restricted.
 */
export function RestrictionBanner({
  restriction,
}: {
  restriction: { ground: RestrictionGround; since: string; liftNoticeToldAt?: string | null };
}) {
  const { t, pick, locale } = useI18n();
  const headingId = useId();
  return (
    <section className="requests-banner" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("requestsRestrictionHeading")}</h2>
      <p>
        {t("requestsRestrictionText", {
          date: formatDate(restriction.since, locale),
          ground: pick(restrictionGroundNames[restriction.ground]),
        })}
      </p>
      <p>{t("requestsRestrictionEffect")}</p>
      {restriction.liftNoticeToldAt && (
        <p>{t("requestsRestrictionLiftNotice", { date: formatDate(restriction.liftNoticeToldAt, locale) })}</p>
      )}
      <p>
        {t("requestsRestrictionCorrection")}{" "}
        <Link to={`${paths.newRequest}?type=rectification`}>{t("requestsRestrictionCorrectionLink")}</Link>
      </p>
    </section>
  );
}

type EndedRestriction = {
  ground: RestrictionGround;
  since: string | null;
  liftNoticeToldAt?: string | null;
  liftedAt: string | null;
  liftReason: RestrictionLiftReason | null;
};

/** Art. 18(3): restrictions that have ended, each with when and why (a staff lift's reason or the correction). */
export function EndedRestrictions({ ended }: { ended: readonly EndedRestriction[] }) {
  const { t, pick, locale } = useI18n();
  const headingId = useId();
  if (ended.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("requestsEndedRestrictionsHeading")}</h2>
      <ul className="requests-ended-restrictions">
        {ended.map((r) => (
          <li key={`${r.since}-${r.liftedAt}`}>
            <p>
              {t("requestsEndedRestriction", {
                since: r.since ? formatDate(r.since, locale) : "",
                ground: pick(restrictionGroundNames[r.ground]),
                date: r.liftedAt ? formatDate(r.liftedAt, locale) : "",
              })}
            </p>
            {r.liftNoticeToldAt && (
              <p>{t("requestsRestrictionLiftNotice", { date: formatDate(r.liftNoticeToldAt, locale) })}</p>
            )}
            {r.liftReason && (
              <p>{t("requestsEndedRestrictionReason", { reason: pick(restrictionLiftReasonNames[r.liftReason]) })}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
