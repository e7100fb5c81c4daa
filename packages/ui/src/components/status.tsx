import type { ReactNode } from "react";
import { useSharedI18n } from "../i18n/shared-messages.ts";

/** Announced politely so screen readers hear that something is on its way without losing their place. */
export function Loading() {
  const { t } = useSharedI18n();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t("loading")}
    </p>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
