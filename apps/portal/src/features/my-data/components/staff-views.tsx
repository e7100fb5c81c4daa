import { EmptyState, ErrorMessage, formatDateTime, Loading, TableRegion } from "@tietoni/ui";
import { useI18n } from "../../../lib/i18n.ts";
import { useStaffViews } from "../api/get-staff-views.ts";

/** Staff actions in plain words: reads of the record, work on a request, or any other processing. */
function actionKey(action: string) {
  if (action === "customer.record.viewed") return "staffViewsActionViewed";
  if (action.startsWith("request.") || action.startsWith("operations.request")) return "staffViewsActionRequest";
  if (action.startsWith("restriction.")) return "staffViewsActionRestriction";
  if (action.startsWith("erasure.") || action === "customer.anonymised") return "staffViewsActionErasure";
  return "staffViewsActionOther";
}

/** Who among the controller's staff opened this customer's record, and when (by role, not by name). */
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
                  <td>{v.staffRole === "admin" ? t("staffViewsRoleAdmin") : t("staffViewsRoleAgent")}</td>
                  <td>{t(actionKey(v.action))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
