import { type OutboxKind, type OutboxStatus, outboxKinds, outboxStatuses, outboxStatusLabels } from "@tietoni/domain";
import { DataTable, EmptyState, ErrorMessage, errorCode, formatDateTime, Loading, Pager } from "@tietoni/ui";
import { useEffect, useId, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { paths } from "../../../config/paths.ts";
import { type Delivery, type DeliveryLogQuery, useDeliveries } from "../api/get-deliveries.ts";
import { useReplayDelivery } from "../api/replay-delivery.ts";
import { useRetryDelivery } from "../api/retry-delivery.ts";
import { useI18n } from "../messages.ts";

const isStatus = (v: string | null): v is OutboxStatus => outboxStatuses.includes(v as OutboxStatus);
const isKind = (v: string | null): v is OutboxKind => outboxKinds.includes(v as OutboxKind);

/** The filters and the page live in the URL, so a view can be linked and the back button works. */
function queryFrom(params: URLSearchParams): DeliveryLogQuery {
  const status = params.get("status");
  const kind = params.get("kind");
  const page = Number(params.get("page") ?? "1");
  return {
    ...(isStatus(status) ? { status } : {}),
    ...(isKind(kind) ? { kind } : {}),
    ...(Number.isInteger(page) && page > 1 && page <= 999_999 ? { page: String(page) } : {}),
  };
}

/** The outbox's delivery log: status tabs with counts, the kind filter, the rows, retry and replay. */
export function DeliveriesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const log = useDeliveries(query);
  const [status, setStatus] = useState("");
  const [confirming, setConfirming] = useState<{ delivery: Delivery; step: "retry" | "replay" } | null>(null);
  const err = errorCode(log.error);
  const kindId = useId();

  const go = (next: { status?: string | undefined; kind?: string | undefined; page?: number }) => {
    const merged = { status: query.status, kind: query.kind, ...next };
    setConfirming(null);
    setParams({
      ...(merged.status ? { status: merged.status } : {}),
      ...(merged.kind ? { kind: merged.kind } : {}),
      ...(next.page && next.page > 1 ? { page: String(next.page) } : {}),
    });
  };
  const counts = log.data?.counts;
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;

  return (
    <>
      <p>{t("deliveriesIntro")}</p>
      <p role="status" className={status ? "success-message" : "visually-hidden"}>
        {status}
      </p>
      <nav aria-label={t("deliveriesFilterLabel")} className="actions">
        <button
          type="button"
          className="secondary"
          aria-pressed={!query.status}
          onClick={() => go({ status: undefined })}
        >
          {t("deliveriesStatusAll", { count: all })}
        </button>
        {outboxStatuses.map((s) => (
          <StatusTab
            key={s}
            status={s}
            count={counts?.[s] ?? 0}
            pressed={query.status === s}
            onClick={() => go({ status: s })}
          />
        ))}
      </nav>
      <p>
        <label htmlFor={kindId}>{t("deliveriesKind")}</label>{" "}
        <select id={kindId} value={query.kind ?? ""} onChange={(e) => go({ kind: e.target.value || undefined })}>
          <option value="">{t("deliveriesKindAll")}</option>
          <option value="mail">{t("deliveriesKindMail")}</option>
          <option value="webhook">{t("deliveriesKindWebhook")}</option>
        </select>
      </p>
      {log.isPending && <Loading />}
      {err && <ErrorMessage code={err} />}
      {log.data && (
        <>
          <DeliveriesTable
            deliveries={log.data.deliveries}
            onAct={(delivery, step) => {
              setStatus("");
              setConfirming({ delivery, step });
            }}
          />
          <Pager
            page={log.data.page}
            shown={log.data.deliveries.length}
            onPage={(page) => go({ page })}
            texts={{
              label: t("deliveriesPagerLabel"),
              showing: (range) => t("deliveriesPagerShowing", range),
              previous: t("deliveriesPrevious"),
              next: t("deliveriesNext"),
            }}
          />
        </>
      )}
      {confirming && (
        <ConfirmStep
          key={`${confirming.delivery.id}-${confirming.step}`}
          delivery={confirming.delivery}
          step={confirming.step}
          onCancel={() => setConfirming(null)}
          onDone={(message) => {
            setConfirming(null);
            setStatus(message);
          }}
        />
      )}
    </>
  );
}

function StatusTab({
  status,
  count,
  pressed,
  onClick,
}: {
  status: OutboxStatus;
  count: number;
  pressed: boolean;
  onClick: () => void;
}) {
  const { t, pick } = useI18n();
  return (
    <button type="button" className="secondary" aria-pressed={pressed} onClick={onClick}>
      {t("deliveriesStatusTab", { label: pick(outboxStatusLabels[status]), count })}
    </button>
  );
}

function DeliveriesTable({
  deliveries,
  onAct,
}: {
  deliveries: Delivery[];
  onAct: (delivery: Delivery, step: "retry" | "replay") => void;
}) {
  const { t, pick, locale } = useI18n();
  const when = (key: Parameters<typeof t>[0], iso: string | null) =>
    iso ? <li>{t(key, { date: formatDateTime(iso, locale) })}</li> : null;
  return (
    <DataTable
      caption={t("deliveriesCaption")}
      columns={[
        t("deliveriesColId"),
        t("deliveriesColTopic"),
        t("deliveriesColStatus"),
        { label: t("deliveriesColAttempts"), number: true },
        t("deliveriesColTimes"),
        t("deliveriesColLinks"),
        t("deliveriesColActions"),
      ]}
      rows={deliveries}
      rowKey={(d) => d.id}
      empty={<EmptyState>{t("deliveriesNone")}</EmptyState>}
    >
      {(d) => (
        <>
          <th scope="row">
            <code>{d.id}</code>
          </th>
          <td>
            {pick(d.topicLabel)}
            {d.required && <div className="note">{t("deliveriesRequired")}</div>}
            {d.systemName && <div>{t("deliveriesTo", { name: d.systemName })}</div>}
          </td>
          <td>
            {pick(outboxStatusLabels[d.status])}
            {d.lastError && <div className="note">{t("deliveriesLastError", { error: d.lastError })}</div>}
          </td>
          <td className="number">{d.attempts}</td>
          <td>
            <ul>
              {when("deliveriesCreated", d.createdAt)}
              {when("deliveriesLastAttempt", d.lastAttemptAt)}
              {when("deliveriesNextAttempt", d.nextAttemptAt)}
              {when("deliveriesDelivered", d.deliveredAt)}
              {when("deliveriesDead", d.deadAt)}
            </ul>
          </td>
          <td>
            <ul>
              {d.customerId && (
                <li>
                  <Link to={paths.customer(d.customerId)}>{t("deliveriesCustomer", { id: d.customerId })}</Link>
                </li>
              )}
              {d.requestId && (
                <li>
                  <Link to={paths.request(d.requestId)}>{t("deliveriesRequest", { id: d.requestId })}</Link>
                </li>
              )}
            </ul>
          </td>
          <td>
            {d.action && (
              <button
                type="button"
                className="secondary"
                onClick={() => onAct(d, d.action === "retry" ? "retry" : "replay")}
              >
                {t(d.action === "retry" ? "deliveriesRetry" : "deliveriesReplay")}
                <span className="visually-hidden"> {d.id}</span>
              </button>
            )}
          </td>
        </>
      )}
    </DataTable>
  );
}

/** Retry and replay each ask once more, saying what happens. */
function ConfirmStep({
  delivery,
  step,
  onCancel,
  onDone,
}: {
  delivery: Delivery;
  step: "retry" | "replay";
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  const retry = useRetryDelivery();
  const replay = useReplayDelivery();
  const mutation = step === "retry" ? retry : replay;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The question opens below the table: take keyboard and screen-reader users to it.
  useEffect(() => heading.current?.focus(), []);
  const err = errorCode(mutation.error);
  const confirm = () =>
    mutation.mutate(delivery.id, { onSuccess: () => onDone(t("deliveriesRequeued", { id: delivery.id })) });
  return (
    <section className="desk-panel" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t(step === "retry" ? "deliveriesRetry" : "deliveriesReplay")}: {delivery.id}
      </h2>
      <p className="desk-warning">
        {t(step === "retry" ? "deliveriesRetryConfirm" : "deliveriesReplayConfirm", { id: delivery.id })}
      </p>
      {err && <ErrorMessage code={err} />}
      <div className="actions">
        <button type="button" disabled={mutation.isPending} onClick={confirm}>
          {mutation.isPending
            ? t("deliveriesWorking")
            : t(step === "retry" ? "deliveriesConfirmRetry" : "deliveriesConfirmReplay")}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t("deliveriesCancel")}
        </button>
      </div>
    </section>
  );
}
