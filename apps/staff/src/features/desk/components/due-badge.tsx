import type { DueStatus } from "@tietoni/domain";
import { useI18n } from "../messages.ts";

/**
 * Days left on a request's deadline: amber when under a quarter of its period is left, red when overdue.
 * The words say the same as the colour (WCAG 1.4.1), so nobody depends on seeing it.
 */
export function DueBadge({ daysLeft, dueStatus }: { daysLeft: number | null; dueStatus: DueStatus | null }) {
  const { t } = useI18n();
  if (daysLeft === null || dueStatus === null)
    return <span className="desk-due desk-due-closed">{t("deskDueClosed")}</span>;
  const text =
    dueStatus === "overdue"
      ? daysLeft === -1
        ? t("deskDueOverdueOne")
        : t("deskDueOverdue", { days: -daysLeft })
      : dueStatus === "soon"
        ? daysLeft === 0
          ? t("deskDueToday")
          : daysLeft === 1
            ? t("deskDueSoonOne")
            : t("deskDueSoon", { days: daysLeft })
        : t("deskDueOk", { days: daysLeft });
  return <span className={`desk-due desk-due-${dueStatus}`}>{text}</span>;
}
