import { AppShell, PageSlot } from "@tietoni/ui";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { paths } from "../config/paths.ts";
import { useSignOut } from "../features/auth/api/sign-out.ts";
import { useI18n } from "../lib/i18n.ts";
import { useSession } from "../lib/session.ts";

export function Layout() {
  const { t } = useI18n();
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const signedIn = Boolean(session.data);

  return (
    <AppShell
      title={t("appTitle")}
      subtitle={t("appSubtitle")}
      navLabel={t("navLabel")}
      nav={
        <ul>
          {signedIn && (
            <>
              <li>
                <NavLink to={paths.myData} end>
                  {t("navMyData")}
                </NavLink>
              </li>
              <li>
                <NavLink to={paths.download}>{t("navDownload")}</NavLink>
              </li>
              <li>
                <NavLink to={paths.marketing}>{t("navMarketing")}</NavLink>
              </li>
              <li>
                <NavLink to={paths.contact}>{t("navContact")}</NavLink>
              </li>
              <li>
                <NavLink to={paths.requests}>{t("navRequests")}</NavLink>
              </li>
              <li>
                <NavLink to={paths.sessions}>{t("navSessions")}</NavLink>
              </li>
            </>
          )}
          <li>
            <NavLink to={paths.aboutRegister}>{t("navAbout")}</NavLink>
          </li>
        </ul>
      }
      headerActions={
        signedIn ? (
          <button
            type="button"
            className="secondary"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate(undefined, { onSettled: () => navigate(paths.signIn) })}
          >
            {t("signOut")}
          </button>
        ) : null
      }
    >
      <PageSlot resetKey={location.pathname}>
        <Outlet />
      </PageSlot>
    </AppShell>
  );
}
