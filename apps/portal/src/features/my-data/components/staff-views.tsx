import { isStaffRole, staffRoleNames } from "@tietoni/domain";
import { EmptyState, ErrorMessage, formatDateTime, Loading, TableRegion } from "@tietoni/ui";
import { useI18n } from "../../../lib/i18n.ts";
import { useStaffViews } from "../api/get-staff-views.ts";

/**
 * Every time the controller's staff read this customer's data, when and why (by role, not by name): the same list
 * the download carries.
 */
export function StaffViews() {
  const { t, locale } = useI18n();
  const views = useStaffViews();
  return (
    <section aria-labelledby="staff-views-heading" className="record-category">
      <h2 id="staff-views-heading">{t("staffViewsTitle")}</h2>
      <p>{t("staffViewsIntro")}</p>
      {views.isPending && <Loading />}
      {views.isError && <ErrorMessage code="server_error" />}
      {views.data && views.data.views.length === 0 && <EmptyState>{t("staffViewsNone")}</EmptyState>}
      {views.data && views.data.views.length > 0 && (
        <TableRegion label={t("staffViewsTitle")}>
          <table>
            <caption>{t("staffViewsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staffViewsWhen")}</th>
                <th scope="col">{t("staffViewsWho")}</th>
                <th scope="col">{t("staffViewsWhat")}</th>
              </tr>
            </thead>
            <tbody>
              {views.data.views.map((v) => (
                <tr key={`${v.at}-${v.action}`}>
                  <td>{formatDateTime(v.at, locale)}</td>
                  <td>{isStaffRole(v.staffRole) ? staffRoleNames[v.staffRole][locale] : v.staffRole}</td>
                  <td>{v.why[locale]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
