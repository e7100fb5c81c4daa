import { type QueryKey, type UseQueryOptions, useQuery } from "@tanstack/react-query";
import { accentPalette, type RegisterDescription } from "@tietoni/domain";
import { createContext, type ReactNode, useContext, useLayoutEffect } from "react";
import { useSharedI18n } from "../i18n/shared-messages.ts";

/*
 * Issue 15 A: the privacy notice is the BFF's configuration (NOTICE_FILE), not a copy bundled into the apps. Each
 * app fetches it through its own typed client (`/api/portal/notice`, `/api/staff/notice`) and hands the query to
 * this provider; every component reads it with `useNotice()`. The shell waits for it, since the controller's name,
 * the register's name and the colours are on every page.
 */

const NoticeContext = createContext<RegisterDescription | null>(null);

/** The notice the BFF serves. Only inside `NoticeProvider`, which renders its children once the notice is there. */
export function useNotice(): RegisterDescription {
  const notice = useContext(NoticeContext);
  if (!notice) throw new Error("useNotice must be used inside a NoticeProvider");
  return notice;
}

/**
 * The panels the apps draw the primary colour on besides white (styles.css: --color-surface and the grey of
 * neutral badges), so `accentPalette` keeps text in it readable there too.
 */
const PANEL_BACKGROUNDS = ["#f3f6f9", "#e5e7eb"] as const;

/** The accent colour as the document's primary colours (styles.css reads them); CSSOM, so the CSP allows it. */
function useBranding(accentColor: string | undefined) {
  useLayoutEffect(() => {
    if (!accentColor) return;
    const { primary, primaryDark } = accentPalette(accentColor, PANEL_BACKGROUNDS);
    const root = document.documentElement.style;
    root.setProperty("--color-primary", primary);
    root.setProperty("--color-primary-dark", primaryDark);
  }, [accentColor]);
}

/**
 * The notice the children read with `useNotice()`: one query, never stale within a page's life (the BFF's notice
 * changes only with a restart, and the next page load revalidates it through the ETag). Until it arrives, a
 * translated "loading"; if it cannot be had, a translated error with a retry, since no page makes sense without it.
 */
export function NoticeProvider<K extends QueryKey>({
  query,
  children,
}: {
  query: UseQueryOptions<RegisterDescription, Error, RegisterDescription, K>;
  children: ReactNode;
}) {
  const { t } = useSharedI18n();
  const notice = useQuery({ ...query, staleTime: Number.POSITIVE_INFINITY });
  useBranding(notice.data?.branding.accentColor);
  if (notice.data) return <NoticeContext.Provider value={notice.data}>{children}</NoticeContext.Provider>;
  return (
    <main id="main" className="app-main notice-pending">
      {notice.isError ? (
        <div role="alert">
          <h1>{t("noticeUnavailableTitle")}</h1>
          <p>{t("noticeUnavailable")}</p>
          <button type="button" onClick={() => void notice.refetch()} disabled={notice.isFetching}>
            {t("tryAgain")}
          </button>
        </div>
      ) : (
        <p className="loading" role="status" aria-live="polite">
          {t("loading")}
        </p>
      )}
    </main>
  );
}
