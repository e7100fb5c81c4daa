import { categoryName } from "@tietoni/domain";
import { formatDate, useNotice } from "@tietoni/ui";
import { useId } from "react";
import type { RecipientNotification } from "../api/get-recipient-notifications.ts";
import { useI18n } from "../messages.ts";

/**
 * Art. 19: the recipients (and sources) of the customer's data told of a change — by name, about which data, and
 * when, or that telling them is still to be done. `level` is the heading level where it sits.
 */
export function RecipientsTold({
  items,
  heading,
  intro,
  level,
}: {
  items: readonly RecipientNotification[];
  heading: string;
  intro?: string;
  level: 2 | 4;
}) {
  const { t, pick, locale } = useI18n();
  const headingId = useId();
  const notice = useNotice();
  if (items.length === 0) return null;
  const Heading = level === 2 ? "h2" : "h4";
  return (
    <section aria-labelledby={headingId} className="requests-told">
      <Heading id={headingId}>{heading}</Heading>
      {intro && <p>{intro}</p>}
      <ul>
        {items.map((n) => (
          <li key={n.id}>
            <strong>{pick(n.partyName)}</strong> ({n.categories.map((c) => pick(categoryName(notice, c))).join(", ")}):{" "}
            {n.status === "done" && n.doneAt
              ? t("requestsToldOn", { date: formatDate(n.doneAt, locale) })
              : t("requestsToldPending")}
          </li>
        ))}
      </ul>
    </section>
  );
}
