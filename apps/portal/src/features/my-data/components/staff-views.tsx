import { isStaffRole, staffRoleNames } from "@tietoni/domain";
import { DataTable, EmptyState, ErrorMessage, formatDateTime, Loading } from "@tietoni/ui";
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
      {views.data && (
        <DataTable
          caption={t("staffViewsTitle")}
          columns={[t("staffViewsWhen"), t("staffViewsWho"), t("staffViewsWhat")]}
          rows={views.data.views}
          rowKey={(v) => `${v.at}-${v.action}`}
          empty={<EmptyState>{t("staffViewsNone")}</EmptyState>}
        >
          {(v) => (
            <>
              <td>{formatDateTime(v.at, locale)}</td>
              <td>{isStaffRole(v.staffRole) ? staffRoleNames[v.staffRole][locale] : v.staffRole}</td>
              <td>{v.why[locale]}</td>
            </>
          )}
        </DataTable>
      )}
    </section>
  );
}
