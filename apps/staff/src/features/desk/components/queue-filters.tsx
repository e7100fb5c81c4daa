import {
  type RequestState,
  type RequestType,
  requestStateNames,
  requestStates,
  requestTypeNames,
  requestTypes,
} from "@tietoni/domain";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../messages.ts";

export type QueueFilterValues = {
  /** "open" = every pending state; "all" = no state filter. */
  state: RequestState | "open" | "all";
  type: RequestType | "all";
  overdue: boolean;
  mine: boolean;
  q: string;
};

export const defaultFilters: QueueFilterValues = { state: "open", type: "all", overdue: false, mine: false, q: "" };

/** Filters are applied with the button, not on every change, so the page never shifts under the user (WCAG 3.2.2). */
export function QueueFilters({
  value,
  onApply,
}: {
  value: QueueFilterValues;
  onApply: (next: QueueFilterValues) => void;
}) {
  const { t, pick } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const set = <K extends keyof QueueFilterValues>(key: K, v: QueueFilterValues[K]) => setDraft({ ...draft, [key]: v });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, q: draft.q.trim() });
  };
  const reset = () => {
    setDraft(defaultFilters);
    onApply(defaultFilters);
  };

  return (
    <search aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("deskFiltersHeading")}</h2>
      <form onSubmit={submit} className="form form-inline desk-filters">
        <div className="field">
          <label htmlFor={`${id}-state`}>{t("deskFilterState")}</label>
          <select
            id={`${id}-state`}
            value={draft.state}
            onChange={(e) =>
              set(
                "state",
                e.target.value === "open" || e.target.value === "all"
                  ? e.target.value
                  : (requestStates.find((s) => s === e.target.value) ?? "open"),
              )
            }
          >
            <option value="open">{t("deskFilterStateOpen")}</option>
            <option value="all">{t("deskFilterStateAll")}</option>
            {requestStates.map((s) => (
              <option key={s} value={s}>
                {pick(requestStateNames[s])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t("deskFilterType")}</label>
          <select
            id={`${id}-type`}
            value={draft.type}
            onChange={(e) => set("type", requestTypes.find((ty) => ty === e.target.value) ?? "all")}
          >
            <option value="all">{t("deskFilterTypeAll")}</option>
            {requestTypes.map((ty) => (
              <option key={ty} value={ty}>
                {pick(requestTypeNames[ty])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t("deskFilterSearch")}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={draft.q}
            maxLength={100}
            onChange={(e) => set("q", e.target.value)}
          />
        </div>
        <div className="field desk-checks">
          <div className="desk-check">
            <input
              id={`${id}-overdue`}
              type="checkbox"
              checked={draft.overdue}
              onChange={(e) => set("overdue", e.target.checked)}
            />
            <label htmlFor={`${id}-overdue`}>{t("deskFilterOverdue")}</label>
          </div>
          <div className="desk-check">
            <input
              id={`${id}-mine`}
              type="checkbox"
              checked={draft.mine}
              onChange={(e) => set("mine", e.target.checked)}
            />
            <label htmlFor={`${id}-mine`}>{t("deskFilterMine")}</label>
          </div>
        </div>
        <div className="actions">
          <button type="submit">{t("deskFilterApply")}</button>
          <button type="button" className="secondary" onClick={reset}>
            {t("deskFilterReset")}
          </button>
        </div>
      </form>
    </search>
  );
}
