import { AppLayout, NavList, useNotice } from "@tietoni/ui";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { paths } from "../config/paths.ts";
import { useSignOut } from "../features/auth/api/sign-out.ts";
import { NoticeChangeBanner } from "../features/notice-change/components/notice-change-banner.tsx";
import { useI18n } from "../lib/i18n.ts";
import { useSession } from "../lib/session.ts";

export function Layout() {
  const { t, pick } = useI18n();
  const notice = useNotice();
  const subtitleVars = { controller: notice.controller.name, register: pick(notice.registerName) };
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const signedIn = Boolean(session.data);
  const signedInItems = [
    { to: paths.myData, label: t("navMyData"), end: true },
    { to: paths.disclosures, label: t("navDisclosures") },
    { to: paths.download, label: t("navDownload") },
    { to: paths.marketing, label: t("navMarketing") },
    { to: paths.contact, label: t("navContact") },
    { to: paths.requests, label: t("navRequests") },
    { to: paths.sessions, label: t("navSessions") },
  ];

  return (
    <AppLayout
      texts={{
        title: t("appTitle"),
        subtitle: t("appSubtitle", subtitleVars),
        navLabel: t("navLabel"),
        signOut: t("signOut"),
      }}
      nav={
        <NavList
          items={[...(signedIn ? signedInItems : []), { to: paths.aboutRegister, label: t("navAbout") }]}
          Link={NavLink}
        />
      }
      signedIn={signedIn}
      signOut={{
        pending: signOut.isPending,
        onClick: () => signOut.mutate(undefined, { onSettled: () => navigate(paths.signIn) }),
      }}
      pageKey={location.pathname}
    >
      {/* Issue 15 B: "our privacy notice changed", until the customer has seen it. */}
      <NoticeChangeBanner signedIn={signedIn} />
      <Outlet />
    </AppLayout>
  );
}
