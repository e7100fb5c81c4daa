import type { DueStatus } from "@tietoni/domain";
import type { MessageVars } from "@tietoni/ui";

type DueKey =
  | "deskDueClosed"
  | "deskDueOverdueOne"
  | "deskDueOverdue"
  | "deskDueToday"
  | "deskDueSoonOne"
  | "deskDueSoon"
  | "deskDueOk";

/** Days left on a request's deadline in words, so the badge never depends on its colour (WCAG 1.4.1). */
export function dueText(
  t: (key: DueKey, vars?: MessageVars) => string,
  daysLeft: number | null,
  dueStatus: DueStatus | null,
): string {
  if (daysLeft === null || dueStatus === null) return t("deskDueClosed");
  if (dueStatus === "overdue")
    return daysLeft === -1 ? t("deskDueOverdueOne") : t("deskDueOverdue", { days: -daysLeft });
  if (dueStatus === "ok") return t("deskDueOk", { days: daysLeft });
  if (daysLeft === 0) return t("deskDueToday");
  return daysLeft === 1 ? t("deskDueSoonOne") : t("deskDueSoon", { days: daysLeft });
}
