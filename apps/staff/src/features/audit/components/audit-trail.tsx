import { isStaffRole, staffRoleNames } from "@tietoni/domain";
import { DataTable, ErrorMessage, errorCode, formatDateTime, Loading } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { paths } from "../../../config/paths.ts";
import { type AuditEntry, type AuditFilters, useAuditEntries } from "../api/get-audit-entries.ts";
import { useStaffNames } from "../api/get-staff-names.ts";
import { auditActionLabels, useI18n } from "../messages.ts";

const FILTER_KEYS = ["actorId", "action", "customerId", "from", "to"] as const;

function filtersFrom(params: URLSearchParams): AuditFilters {
  return {
    actorId: params.get("actorId") ?? "",
    action: params.get("action") ?? "",
    customerId: params.get("customerId") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
}

/** The trail, newest first, filtered through the URL so Back and reload keep the view. */
export function AuditTrail() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const entries = useAuditEntries(filters);
  const err = errorCode(entries.error);
  const shown = entries.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <>
      <FilterForm
        key={params.toString()}
        initial={filters}
        onApply={(next) => setParams(Object.fromEntries(FILTER_KEYS.flatMap((k) => (next[k] ? [[k, next[k]]] : []))))}
      />
      {err && <ErrorMessage code={err} />}
      {entries.isPending && <Loading />}
      {entries.data && (
        <>
          <p role="status">
            {shown.length === 0
              ? t("auditNoEntries")
              : t(entries.hasNextPage ? "auditShown" : "auditShownAll", { count: shown.length })}
          </p>
          {shown.length > 0 && <EntriesTable entries={shown} />}
          {entries.hasNextPage && (
            <button
              type="button"
              className="secondary"
              disabled={entries.isFetchingNextPage}
              onClick={() => void entries.fetchNextPage()}
            >
              {entries.isFetchingNextPage ? t("auditLoadingMore") : t("auditLoadMore")}
            </button>
          )}
        </>
      )}
    </>
  );
}

function FilterForm({ initial, onApply }: { initial: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const staff = useStaffNames();
  const id = useId();
  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, action: draft.action.trim(), customerId: draft.customerId.trim() });
  };
  return (
    <search>
      <form onSubmit={submit} className="form form-inline accounts-audit-filters" aria-label={t("auditFiltersLabel")}>
        <div className="field">
          <label htmlFor={`${id}-actor`}>{t("auditFilterActor")}</label>
          <select id={`${id}-actor`} name="actorId" value={draft.actorId} onChange={set("actorId")}>
            <option value="">{t("auditFilterActorAny")}</option>
            {staff.data?.staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName} ({s.username})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-action`}>{t("auditFilterAction")}</label>
          <input
            id={`${id}-action`}
            name="action"
            list={`${id}-actions`}
            aria-describedby={`${id}-action-hint`}
            value={draft.action}
            onChange={set("action")}
          />
          <datalist id={`${id}-actions`}>
            {Object.keys(auditActionLabels).map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
          <p id={`${id}-action-hint`} className="hint">
            {t("auditFilterActionHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-customer`}>{t("auditFilterCustomer")}</label>
          <input
            id={`${id}-customer`}
            name="customerId"
            aria-describedby={`${id}-customer-hint`}
            value={draft.customerId}
            onChange={set("customerId")}
          />
          <p id={`${id}-customer-hint`} className="hint">
            {t("auditFilterCustomerHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t("auditFilterFrom")}</label>
          <input id={`${id}-from`} name="from" type="date" value={draft.from} onChange={set("from")} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t("auditFilterTo")}</label>
          <input id={`${id}-to`} name="to" type="date" value={draft.to} onChange={set("to")} />
        </div>
        <div className="actions">
          <button type="submit">{t("auditApply")}</button>
          <button
            type="button"
            className="secondary"
            onClick={() => onApply({ actorId: "", action: "", customerId: "", from: "", to: "" })}
          >
            {t("auditClear")}
          </button>
        </div>
      </form>
    </search>
  );
}

function EntriesTable({ entries }: { entries: AuditEntry[] }) {
  const { t, locale, pick } = useI18n();
  return (
    <DataTable
      caption={t("auditEntriesCaption")}
      className="accounts-audit-table"
      columns={[
        { label: t("auditColSeq"), number: true },
        t("auditColAt"),
        t("auditColActor"),
        t("auditColAction"),
        t("auditColCustomer"),
        t("auditColDetail"),
        t("auditColIp"),
      ]}
      rows={entries}
      rowKey={(entry) => entry.seq}
    >
      {(entry) => {
        const label = auditActionLabels[entry.action];
        return (
          <>
            <td className="number">{entry.seq}</td>
            <td>{formatDateTime(entry.at, locale)}</td>
            <td>
              <Actor entry={entry} />
            </td>
            <td>
              {label && <span className="accounts-audit-label">{pick(label)}</span>}
              <code>{entry.action}</code>
            </td>
            <td>{entry.customerId && <Link to={paths.customer(entry.customerId)}>{entry.customerId}</Link>}</td>
            <td>
              <Detail detail={entry.detail} />
            </td>
            <td>{entry.ip}</td>
          </>
        );
      }}
    </DataTable>
  );
}

function Actor({ entry }: { entry: AuditEntry }) {
  const { t, locale } = useI18n();
  if (entry.actorType === "system") return <>{t("auditActorSystem")}</>;
  if (entry.actorType === "customer") return <>{t("auditActorCustomer", { id: entry.actorId ?? "" })}</>;
  const role = isStaffRole(entry.actorRole) ? staffRoleNames[entry.actorRole][locale] : "";
  return (
    <>
      {entry.actorName ?? entry.actorId}
      {role && ` (${role})`}
    </>
  );
}

function Detail({ detail }: { detail: Record<string, unknown> }) {
  const pairs = Object.entries(detail);
  if (pairs.length === 0) return null;
  return (
    <ul className="accounts-audit-detail">
      {pairs.map(([key, value]) => (
        <li key={key}>
          <span className="accounts-audit-key">{key}</span>: {typeof value === "string" ? value : JSON.stringify(value)}
        </li>
      ))}
    </ul>
  );
}
