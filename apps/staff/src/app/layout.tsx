import { staffRoleNames } from "@tietoni/domain";
import { AppLayout, NavList, useNotice } from "@tietoni/ui";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { paths } from "../config/paths.ts";
import { useApprovalCount } from "../features/approvals/api/get-approvals.ts";
import { useSignOut } from "../features/auth/api/sign-out.ts";
import { useI18n } from "../lib/i18n.ts";
import { useSession } from "../lib/session.ts";

export function Layout() {
  const { t, locale } = useI18n();
  const notice = useNotice();
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const user = session.data;
  const admin = user?.role === "admin";
  // Issue 14 G: the data-protection officer reads the trail and the statistics, nothing of the register's work.
  const dpo = user?.role === "dpo";
  const works = Boolean(user) && !dpo;
  // Both roles decide approvals (customer:write); the count is what waits for someone other than oneself.
  const approvals = useApprovalCount(works);

  return (
    <AppLayout
      texts={{
        title: t("appTitle"),
        subtitle: t("appSubtitle", { controller: notice.controller.name }),
        navLabel: t("navLabel"),
        signOut: t("signOut"),
      }}
      nav={
        user ? (
          <NavList
            items={[
              works && { to: paths.requests, label: t("navRequests") },
              works && { to: paths.customers, label: t("navCustomers"), end: true },
              works && { to: paths.newCustomer, label: t("navNewCustomer") },
              works && { to: paths.mailingList, label: t("navMailingList") },
              works && {
                to: paths.approvals,
                label: approvals ? t("navApprovalsCount", { count: approvals }) : t("navApprovals"),
              },
              works && { to: paths.inbound, label: t("navInbound") },
              admin && { to: paths.staffAccounts, label: t("navStaff") },
              (admin || dpo) && { to: paths.audit, label: t("navAudit") },
              (admin || dpo) && { to: paths.requestStatistics, label: t("navRequestStatistics") },
              (admin || dpo) && { to: paths.noticeCheck, label: t("navNoticeCheck") },
              admin && { to: paths.retention, label: t("navRetention") },
              admin && { to: paths.systems, label: t("navSystems") },
              admin && { to: paths.webhooks, label: t("navWebhooks") },
              admin && { to: paths.imports, label: t("navImports") },
              admin && { to: paths.deliveries, label: t("navDeliveries") },
              { to: paths.security, label: t("navSecurity") },
            ]}
            Link={NavLink}
          />
        ) : null
      }
      signedIn={Boolean(user)}
      signedInAs={
        user && (
          <span className="signed-in-as">
            {t("signedInAs", { name: user.displayName, role: staffRoleNames[user.role][locale] })}
          </span>
        )
      }
      signOut={{
        pending: signOut.isPending,
        onClick: () => signOut.mutate(undefined, { onSettled: () => navigate(paths.signIn) }),
      }}
      pageKey={location.pathname}
    >
      <Outlet />
    </AppLayout>
  );
}
