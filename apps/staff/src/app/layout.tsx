import { staffRoleNames } from "@tietoni/domain";
import { AppShell, PageSlot } from "@tietoni/ui";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { paths } from "../config/paths.ts";
import { useSignOut } from "../features/auth/api/sign-out.ts";
import { useI18n } from "../lib/i18n.ts";
import { useSession } from "../lib/session.ts";

export function Layout() {
  const { t, locale } = useI18n();
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const user = session.data;

  return (
    <AppShell
      title={t("appTitle")}
      subtitle={t("appSubtitle")}
      navLabel={t("navLabel")}
      nav={
        user ? (
          <ul>
            <li>
              <NavLink to={paths.requests}>{t("navRequests")}</NavLink>
            </li>
            <li>
              <NavLink to={paths.customers} end>
                {t("navCustomers")}
              </NavLink>
            </li>
            <li>
              <NavLink to={paths.mailingList}>{t("navMailingList")}</NavLink>
            </li>
            {user.role === "admin" && (
              <>
                <li>
                  <NavLink to={paths.staffAccounts}>{t("navStaff")}</NavLink>
                </li>
                <li>
                  <NavLink to={paths.audit}>{t("navAudit")}</NavLink>
                </li>
                <li>
                  <NavLink to={paths.retention}>{t("navRetention")}</NavLink>
                </li>
              </>
            )}
            <li>
              <NavLink to={paths.security}>{t("navSecurity")}</NavLink>
            </li>
          </ul>
        ) : null
      }
      headerActions={
        user ? (
          <>
            <span className="signed-in-as">
              {t("signedInAs", { name: user.displayName, role: staffRoleNames[user.role][locale] })}
            </span>
            <button
              type="button"
              className="secondary"
              disabled={signOut.isPending}
              onClick={() => signOut.mutate(undefined, { onSettled: () => navigate(paths.signIn) })}
            >
              {t("signOut")}
            </button>
          </>
        ) : null
      }
    >
      <PageSlot resetKey={location.pathname}>
        <Outlet />
      </PageSlot>
    </AppShell>
  );
}
