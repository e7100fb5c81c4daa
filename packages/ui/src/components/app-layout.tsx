import type { ComponentType, ReactNode } from "react";
import { AppShell } from "./app-shell.tsx";
import { PageSlot } from "./page-error-boundary.tsx";

/** One menu entry: where it goes, its text, and `end` where only that exact path marks it current. */
export type NavItem = { to: string; label: string; end?: boolean };

/** The menu's entries as a list; `Link` is the app's router link (NavLink marks the current page). */
export function NavList({
  items,
  Link,
}: {
  items: readonly (NavItem | false)[];
  Link: ComponentType<{ to: string; end?: boolean; children: ReactNode }>;
}) {
  return (
    <ul>
      {items.map(
        (item) =>
          item && (
            <li key={item.to}>
              <Link to={item.to} end={item.end}>
                {item.label}
              </Link>
            </li>
          ),
      )}
    </ul>
  );
}

/**
 * Both apps' frame around the current page: the shell with the app's name and menu and, while someone is signed
 * in, who (`signedInAs`) and the sign-out button. `pageKey` (the path) resets the page's error boundary.
 */
export function AppLayout({
  texts,
  nav,
  signedIn,
  signedInAs,
  signOut,
  pageKey,
  children,
}: {
  texts: { title: string; subtitle: string; navLabel: string; signOut: string };
  nav: ReactNode;
  signedIn: boolean;
  signedInAs?: ReactNode;
  signOut: { pending: boolean; onClick: () => void };
  pageKey: string;
  children: ReactNode;
}) {
  return (
    <AppShell
      title={texts.title}
      subtitle={texts.subtitle}
      navLabel={texts.navLabel}
      nav={nav}
      headerActions={
        signedIn ? (
          <>
            {signedInAs}
            <button type="button" className="secondary" disabled={signOut.pending} onClick={signOut.onClick}>
              {texts.signOut}
            </button>
          </>
        ) : null
      }
    >
      <PageSlot resetKey={pageKey}>{children}</PageSlot>
    </AppShell>
  );
}
