import { useNotice } from "@tietoni/ui";
import { useId } from "react";
import { useI18n } from "../messages.ts";

/** Where a refused customer can complain (GDPR Art. 77): the Data Protection Ombudsman, as the notice gives it. */
export function ComplaintRoute() {
  const { t, pick } = useI18n();
  const headingId = useId();
  const notice = useNotice();
  const authority = notice.supervisoryAuthority;
  return (
    <section className="requests-complaint" aria-labelledby={headingId}>
      <h4 id={headingId}>{t("requestsComplaintHeading")}</h4>
      <p>{t("requestsComplaintText")}</p>
      <p>{pick(authority.complaintText)}</p>
      <address>
        <p>
          <strong>{pick(authority.name)}</strong>
        </p>
        <dl className="fields">
          <dt>{t("requestsPostalAddress")}</dt>
          <dd>{authority.postalAddress}</dd>
          <dt>{t("requestsVisitingAddress")}</dt>
          <dd>{authority.visitingAddress}</dd>
          <dt>{t("requestsPhone")}</dt>
          <dd>
            <a href={`tel:${authority.phone.replace(/\s/g, "")}`}>{authority.phone}</a>
          </dd>
          <dt>{t("requestsEmail")}</dt>
          <dd>
            <a href={`mailto:${authority.email}`}>{authority.email}</a>
          </dd>
          <dt>{t("requestsWeb")}</dt>
          <dd>
            <a href={authority.web}>{authority.web}</a>
          </dd>
        </dl>
      </address>
    </section>
  );
}
