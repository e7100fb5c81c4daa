import { ErrorMessage, errorCode, Loading } from "@tietoni/ui";
import { useId, useState } from "react";
import { useFindCustomers } from "../api/find-customers.ts";
import { useI18n } from "../messages.ts";

export type PickedCustomer = { id: string; name: string; email: string };

/** Finds the customer whose letter is being registered; the search itself is audited by the BFF. */
export function CustomerPicker({
  picked,
  onPick,
  id: groupId,
  error,
}: {
  picked: PickedCustomer | null;
  onPick: (customer: PickedCustomer | null) => void;
  /** The group's id; its error is `${id}-error`, as with every field of the form kit. */
  id: string;
  error: string | null;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const search = useFindCustomers(q);
  const err = errorCode(search.error);

  // A search form cannot sit inside the request form, so this is a group with its own button.
  const runSearch = () => setQ(draft.trim());

  if (picked) {
    return (
      <fieldset>
        <legend>{t("deskNewCustomerLegend")}</legend>
        <p>
          <strong>{t("deskNewChosen", { name: picked.name, email: picked.email })}</strong>
        </p>
        <button type="button" className="secondary" onClick={() => onPick(null)}>
          {t("deskNewChangeCustomer")}
        </button>
      </fieldset>
    );
  }

  return (
    <fieldset id={groupId} aria-describedby={error ? `${groupId}-error` : undefined}>
      <legend>{t("deskNewCustomerLegend")}</legend>
      <div className="form-inline">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t("deskNewSearchLabel")}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={draft}
            maxLength={100}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              // Enter searches here instead of submitting the whole request form.
              if (e.key === "Enter") {
                e.preventDefault();
                runSearch();
              }
            }}
          />
        </div>
        <button type="button" className="secondary" onClick={() => runSearch()}>
          {t("deskNewSearch")}
        </button>
      </div>
      {q.length > 0 && q.length < 2 && <ErrorMessage code="search_too_short" />}
      {err && <ErrorMessage code={err} />}
      {search.isFetching && !search.data && <Loading />}
      {search.data && (
        <>
          <p role="status">{search.data.hits.length === 0 ? t("deskNewSearchNone", { q }) : ""}</p>
          {search.data.hits.length > 0 && (
            <ul className="desk-picker">
              {search.data.hits.map((hit) => {
                const name = `${hit.firstName} ${hit.lastName}`;
                return (
                  <li key={hit.id}>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => onPick({ id: hit.id, name, email: hit.email })}
                    >
                      {t("deskNewChoose")}: {name}
                    </button>{" "}
                    <span>
                      {hit.email}
                      {hit.organisations.length > 0 ? ` – ${hit.organisations.join(", ")}` : ""}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      {error && (
        <p className="field-error" id={`${groupId}-error`}>
          {t("deskNewCustomerRequired")}
        </p>
      )}
    </fieldset>
  );
}
