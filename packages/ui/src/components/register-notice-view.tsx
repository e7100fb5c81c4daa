import {
  type ContactDetails,
  categoriesInOrder,
  legalBasesOf,
  partyName,
  purposesOf,
  sourceIds,
} from "@tietoni/domain";
import type { ReactNode } from "react";
import { formatDate } from "../format.ts";
import { useSharedI18n } from "../i18n/shared-messages.ts";
import { useNotice } from "../notice/notice-provider.tsx";
import { DataTable } from "./data-table.tsx";

/** `tel:` links need the number without spaces. */
function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, "")}`;
}

function Contact({ details }: { details: ContactDetails }) {
  return (
    <address>
      {details.name}
      <br />
      {details.streetAddress}
      <br />
      {details.postalCode} {details.city}
      <br />
      <a href={telHref(details.phone)}>{details.phone}</a>
      <br />
      <a href={`mailto:${details.email}`}>{details.email}</a>
    </address>
  );
}

/**
 * The whole privacy notice (GDPR Art. 13–14) as a readable page, from the notice the BFF serves (`useNotice`).
 * Sections are `<h2>`, sub-sections `<h3>`; the page's `<h1>` belongs to the app. `afterCookies` is the app's own
 * statement of what it stores, shown right after the notice's cookie text (which is about the company's web site).
 */
export function RegisterNoticeView({ afterCookies }: { afterCookies?: ReactNode } = {}) {
  const { t, pick, locale } = useSharedI18n();
  const notice = useNotice();
  const authority = notice.supervisoryAuthority;
  const categoriesCaption = t("noticeDataCategoriesCaption");

  return (
    <div className="register-notice">
      <section>
        <h2>{t("noticeController")}</h2>
        <Contact details={notice.controller} />
      </section>

      <section>
        <h2>{t("noticeContactPerson")}</h2>
        <Contact details={notice.contactPerson} />
      </section>

      <section>
        <h2>{t("noticeRegisterName")}</h2>
        <p>{pick(notice.registerName)}</p>
      </section>

      <section>
        <h2>{t("noticeDate")}</h2>
        <p>
          <time dateTime={notice.noticeDate}>{formatDate(notice.noticeDate, locale)}</time>
        </p>
      </section>

      <section>
        <h2>{t("noticeLegalBasis")}</h2>
        <p>{pick(notice.legalBasis.text)}</p>
        <p className="note">{t("noticeGdprArticle", { article: notice.legalBasis.article })}</p>
      </section>

      <section>
        <h2>{t("noticePurposes")}</h2>
        <ul>
          {notice.purposes.map((purpose) => (
            <li key={purpose.id}>
              {pick(purpose.text)}{" "}
              {t("legalBasisOfPurpose", {
                basis: pick(purpose.legalBasis.name),
                article: purpose.legalBasis.article,
              })}
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h2>{t("noticeDataCategories")}</h2>
        <DataTable
          caption={categoriesCaption}
          columns={[
            t("dataCategory"),
            t("description"),
            t("purposes"),
            t("legalBasis"),
            t("sources"),
            t("recipients"),
            t("retention"),
          ]}
          rows={categoriesInOrder(notice)}
          rowKey={(id) => id}
        >
          {(id) => {
            const category = notice.dataCategories[id];
            if (!category) return null;
            return (
              <>
                <th scope="row">{pick(category.name)}</th>
                <td>{pick(category.description)}</td>
                <td>
                  <ul>
                    {purposesOf(notice, id).map((purpose) => (
                      <li key={purpose.id}>{pick(purpose.text)}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ul>
                    {legalBasesOf(notice, id).map((basis) => (
                      <li key={basis.article}>
                        {t("legalBasisWithArticle", { basis: pick(basis.name), article: basis.article })}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ul>
                    {category.sources.map((source) => (
                      <li key={source}>{pick(partyName(notice, "source", source))}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ul>
                    {category.recipients.map((recipient) => (
                      <li key={recipient}>{pick(partyName(notice, "recipient", recipient))}</li>
                    ))}
                  </ul>
                </td>
                <td>{pick(category.retention)}</td>
              </>
            );
          }}
        </DataTable>
      </section>

      <section>
        <h2>{t("noticeSources")}</h2>
        <dl className="entries">
          {sourceIds.flatMap((id) => {
            const source = notice.sources[id];
            return source
              ? [
                  <div key={id}>
                    <dt>{pick(source.name)}</dt>
                    <dd>{pick(source.description)}</dd>
                  </div>,
                ]
              : [];
          })}
        </dl>
      </section>

      <section>
        <h2>{t("noticeRecipients")}</h2>
        <dl className="entries">
          {Object.entries(notice.recipients).map(([id, recipient]) => (
            <div key={id}>
              <dt>{pick(recipient.name)}</dt>
              <dd>{pick(recipient.description)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section>
        <h2>{t("noticeDisclosures")}</h2>
        <p>{pick(notice.disclosures)}</p>
      </section>

      <section>
        <h2>{t("noticeTransfers")}</h2>
        <p>{pick(notice.transfersOutsideEea)}</p>
        {notice.transferSafeguards ? (
          <>
            <h3>{t("noticeTransferSafeguards")}</h3>
            <p>{pick(notice.transferSafeguards)}</p>
          </>
        ) : null}
      </section>

      <section>
        <h2>{t("noticeRetention")}</h2>
        <p>{pick(notice.retention.text)}</p>
        <p>{t("noticeRelationshipEnds", { months: notice.retention.relationshipEndsAfterMonths })}</p>
      </section>

      <section>
        <h2>{t("noticeSecurity")}</h2>
        <h3>{t("noticeSecurityManual")}</h3>
        <p>{pick(notice.security.manual)}</p>
        <h3>{t("noticeSecurityIt")}</h3>
        <p>{pick(notice.security.it)}</p>
      </section>

      <section>
        <h2>{t("noticeCookies")}</h2>
        <p>{pick(notice.cookies.text)}</p>
        <h3>{t("noticeCookiesCollected")}</h3>
        <ul>
          {notice.cookies.collected.map((item) => (
            <li key={item.fi}>{pick(item)}</li>
          ))}
        </ul>
        <h3>{t("noticeCookiesAnalytics")}</h3>
        <p>{pick(notice.cookies.analytics)}</p>
      </section>
      {afterCookies}

      <section>
        <h2>{t("noticeAutomated")}</h2>
        <p>{pick(notice.automatedDecisionMaking)}</p>
      </section>

      <section className="rights">
        <h2>{t("noticeRights")}</h2>
        {notice.rights.map((right) => (
          <div key={right.id} className="right">
            <h3>{pick(right.title)}</h3>
            <p className="note">{t("noticeGdprArticle", { article: right.article })}</p>
            <p>{pick(right.text)}</p>
            {/* The notice states this limit under the rights; it belongs with erasure, which it restricts. */}
            {right.id === "erasure" ? <p>{pick(notice.organisationContactPersonRule)}</p> : null}
          </div>
        ))}
      </section>

      <section>
        <h2>{t("noticeSupervisoryAuthority")}</h2>
        <p>{pick(authority.complaintText)}</p>
        <dl className="fields">
          <dt>{t("name")}</dt>
          <dd>{pick(authority.name)}</dd>
          <dt>{t("postalAddressLabel")}</dt>
          <dd>{authority.postalAddress}</dd>
          <dt>{t("visitingAddress")}</dt>
          <dd>{authority.visitingAddress}</dd>
          <dt>{t("phone")}</dt>
          <dd>
            <a href={telHref(authority.phone)}>{authority.phone}</a>
          </dd>
          <dt>{t("email")}</dt>
          <dd>
            <a href={`mailto:${authority.email}`}>{authority.email}</a>
          </dd>
          <dt>{t("web")}</dt>
          <dd>
            <a href={authority.web}>{authority.web.replace(/^https?:\/\//, "")}</a>
          </dd>
        </dl>
      </section>
    </div>
  );
}
