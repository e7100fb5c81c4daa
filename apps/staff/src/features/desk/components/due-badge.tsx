import type { DueStatus } from "@tietoni/domain";
import { useI18n } from "../messages.ts";
import { dueText } from "../utils/due-text.ts";

/**
 * Days left on a request's deadline: amber when under a quarter of its period is left, red when overdue.
 * The words say the same as the colour (WCAG 1.4.1), so nobody depends on seeing it.
 */
export function DueBadge({ daysLeft, dueStatus }: { daysLeft: number | null; dueStatus: DueStatus | null }) {
  const { t } = useI18n();
  const modifier = daysLeft === null || dueStatus === null ? "closed" : dueStatus;
  return <span className={`desk-due desk-due-${modifier}`}>{dueText(t, daysLeft, dueStatus)}</span>;
}
