import { type RestrictionGround, restrictionGroundNames } from "@tietoni/domain";
import { formatDate } from "@tietoni/ui";
import { useId } from "react";
import { useI18n } from "../messages.ts";

/** Art. 18: while the record is restricted the customer sees so, with the date and the ground. */
export function RestrictionBanner({ restriction }: { restriction: { ground: RestrictionGround; since: string } }) {
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
    </section>
  );
}
