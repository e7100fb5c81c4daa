import { useId } from "react";
import { useI18n } from "../messages.ts";

type Counts = { open: number; dueThisWeek: number; overdue: number; completedThisMonth: number };

/** The desk's dashboard: four numbers over every request, whatever the filters. */
export function QueueCounts({ counts }: { counts: Counts }) {
  const { t } = useI18n();
  const headingId = useId();
  const items = [
    { key: "open", label: t("deskCountOpen"), value: counts.open },
    { key: "dueThisWeek", label: t("deskCountDueThisWeek"), value: counts.dueThisWeek },
    { key: "overdue", label: t("deskCountOverdue"), value: counts.overdue },
    { key: "completedThisMonth", label: t("deskCountCompletedThisMonth"), value: counts.completedThisMonth },
  ];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {t("deskCountsHeading")}
      </h2>
      <dl className="desk-counts">
        {items.map((item) => (
          <div key={item.key} className={`desk-count desk-count-${item.key}`}>
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
