import type { ReactNode } from "react";
import { useSharedI18n } from "../i18n/shared-messages.ts";
import { useNotice } from "../notice/notice-provider.tsx";
import { LanguageSwitch } from "./language-switch.tsx";

export type AppShellProps = {
  /** The app's name in the header; each page's own `<h1>` lives in `children`. */
  title: ReactNode;
  /** A line under the title, e.g. whose register this is. */
  subtitle?: ReactNode;
  nav?: ReactNode;
  /** Overrides the navigation landmark's name ("Main menu" by default). */
  navLabel?: string;
  headerActions?: ReactNode;
  /** Defaults to the controller and register name, so every page says whose register this is. */
  footer?: ReactNode;
  children: ReactNode;
};

/** The page frame both apps share: skip link, banner, navigation, main and footer landmarks. */
export function AppShell({ title, subtitle, nav, navLabel, headerActions, footer, children }: AppShellProps) {
  const { t, pick } = useSharedI18n();
  const notice = useNotice();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <div>
            <div className="app-title">{title}</div>
            {subtitle ? <div className="app-subtitle">{subtitle}</div> : null}
          </div>
          <div className="app-header-actions">
            {headerActions}
            <LanguageSwitch />
          </div>
        </div>
      </header>
      {nav ? (
        <nav className="app-nav" aria-label={navLabel ?? t("mainNavLabel")}>
          <div className="app-nav-inner">{nav}</div>
        </nav>
      ) : null}
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <div className="app-footer-inner">
          {footer ?? (
            <p>
              {notice.controller.name} · {pick(notice.registerName)}
            </p>
          )}
        </div>
      </footer>
    </div>
  );
}
