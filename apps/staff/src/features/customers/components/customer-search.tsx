import { ApiError, DataTable, ErrorMessage, Loading } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useI18n } from "../../../lib/i18n.ts";
import { useSearchCustomers } from "../api/search-customers.ts";

/** Search by name, e-mail or organisation; the query lives in the URL so Back returns to the results. */
export function CustomerSearch() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [draft, setDraft] = useState(q);
  const search = useSearchCustomers(q);
  const inputId = useId();
  const hintId = useId();
  const err = search.error instanceof ApiError ? search.error.code : search.error ? "server_error" : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(draft.trim() ? { q: draft.trim() } : {});
  };

  return (
    <>
      <search>
        <form onSubmit={submit} className="form form-inline">
          <div className="field">
            <label htmlFor={inputId}>{t("searchLabel")}</label>
            <input
              id={inputId}
              type="search"
              name="q"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              aria-describedby={hintId}
            />
            <p id={hintId} className="hint">
              {t("searchHint")}
            </p>
          </div>
          <button type="submit">{t("search")}</button>
        </form>
      </search>
      {q.trim().length > 0 && q.trim().length < 2 && <ErrorMessage code="search_too_short" />}
      {err && <ErrorMessage code={err} />}
      {search.isFetching && !search.data && <Loading />}
      {search.data && (
        <section aria-labelledby={`${inputId}-results`}>
          <h2 id={`${inputId}-results`}>{t("results")}</h2>
          <p role="status">
            {search.data.hits.length === 0
              ? t("noResults", { q })
              : t("resultCount", { count: search.data.hits.length })}
          </p>
          <DataTable
            caption={t("results")}
            noCaption
            columns={[t("colName"), t("colEmail"), t("colOrganisations")]}
            rows={search.data.hits}
            rowKey={(hit) => hit.id}
            empty={null}
          >
            {(hit) => (
              <>
                <td>
                  <Link to={paths.customer(hit.id)}>
                    {hit.lastName}, {hit.firstName}
                  </Link>
                </td>
                <td>{hit.email}</td>
                <td>{hit.organisations.join(", ")}</td>
              </>
            )}
          </DataTable>
        </section>
      )}
    </>
  );
}
