import { type ErasureAssessment, erasureBlockerTexts, keptDataTexts } from "@tietoni/domain";
import { formatDate, interpolate } from "@tietoni/ui";
import { useId } from "react";
import { useI18n } from "../messages.ts";

/** The grounds the domain found that block erasure now, and what would be kept anyway. */
export function ErasureGrounds({ assessment }: { assessment: ErasureAssessment }) {
  const { t, pick, locale } = useI18n();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("deskErasureHeading")}</h2>
      <p className={assessment.blocked ? "desk-warning" : undefined}>
        {assessment.blocked ? t("deskErasureBlocked") : t("deskErasureClear")}
      </p>
      {assessment.blockers.length > 0 && (
        <ul>
          {assessment.blockers.map((b) => (
            <li key={b.ground}>
              {interpolate(pick(erasureBlockerTexts[b.ground]), {
                count: "count" in b ? b.count : 0,
                organisations: "organisations" in b ? b.organisations.join(", ") : "",
              })}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("deskErasureKept")}</h3>
      <ul>
        {assessment.kept.map((k) => (
          <li key={k.what}>
            {k.until
              ? t("deskErasureKeptUntil", {
                  what: pick(keptDataTexts[k.what].what),
                  until: formatDate(k.until, locale),
                })
              : pick(keptDataTexts[k.what].what)}
          </li>
        ))}
      </ul>
    </section>
  );
}
