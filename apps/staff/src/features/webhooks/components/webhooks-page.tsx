import { categoryName, webhookEventTypes } from "@tietoni/domain";
import { DataTable, EmptyState, ErrorMessage, errorCode, formatDateTime, Loading, useNotice } from "@tietoni/ui";
import { useEffect, useId, useRef, useState } from "react";
import { useWebhookEndpoints, type WebhookEndpoint } from "../api/get-webhook-endpoints.ts";
import { useRotateWebhookSecret } from "../api/rotate-webhook-secret.ts";
import { useUpdateWebhookEndpoint } from "../api/update-webhook-endpoint.ts";
import { useI18n } from "../messages.ts";
import { CreateEndpointForm } from "./create-endpoint-form.tsx";
import { SecretPanel } from "./secret-panel.tsx";

type Shown = { url: string; secret: string } | null;

/** Connected systems' webhook endpoints: what each receives, how deliveries go, and the form to add one. */
export function WebhooksPage() {
  const { t } = useI18n();
  const endpoints = useWebhookEndpoints();
  const [status, setStatus] = useState("");
  // The secret of the endpoint just created or rotated; gone when the admin closes it or leaves the page.
  const [shown, setShown] = useState<Shown>(null);
  const err = errorCode(endpoints.error);
  const show = (s: Shown) => {
    setStatus("");
    setShown(s);
  };

  return (
    <>
      <p>{t("webhooksIntro")}</p>
      <p role="status" className={status ? "success-message" : "visually-hidden"}>
        {status}
      </p>
      {shown && <SecretPanel key={shown.secret} url={shown.url} secret={shown.secret} onDone={() => setShown(null)} />}
      {endpoints.isPending && <Loading />}
      {err && <ErrorMessage code={err} />}
      {endpoints.data && (
        <EndpointsTable
          endpoints={endpoints.data.endpoints}
          onRotated={show}
          onToggled={(message) => {
            setShown(null);
            setStatus(message);
          }}
        />
      )}
      <CreateEndpointForm onCreated={show} />
    </>
  );
}

function EndpointsTable({
  endpoints,
  onRotated,
  onToggled,
}: {
  endpoints: WebhookEndpoint[];
  onRotated: (shown: { url: string; secret: string }) => void;
  onToggled: (message: string) => void;
}) {
  const { t, pick, locale } = useI18n();
  const notice = useNotice();
  const update = useUpdateWebhookEndpoint();
  const [confirming, setConfirming] = useState<WebhookEndpoint | null>(null);
  const toggleErr = errorCode(update.error);
  const toggle = (endpoint: WebhookEndpoint) =>
    update.mutate(
      { id: endpoint.id, input: { enabled: !endpoint.enabled } },
      {
        onSuccess: ({ endpoint: e }) =>
          onToggled(t(e.enabled ? "webhooksEnabledStatus" : "webhooksDisabledStatus", { url: e.url })),
      },
    );
  return (
    <>
      {toggleErr && <ErrorMessage code={toggleErr} />}
      <DataTable
        caption={t("webhooksListCaption")}
        columns={[
          t("webhooksColSystem"),
          t("webhooksColUrl"),
          t("webhooksColEvents"),
          t("webhooksColCategories"),
          t("webhooksColDeliveries"),
          t("webhooksColState"),
          t("webhooksColActions"),
        ]}
        rows={endpoints}
        rowKey={(endpoint) => endpoint.id}
        empty={<EmptyState>{t("webhooksNone")}</EmptyState>}
      >
        {(endpoint) => (
          <>
            <th scope="row">{endpoint.systemName}</th>
            <td>
              <code>{endpoint.url}</code>
              {endpoint.description && <div className="hint">{endpoint.description}</div>}
            </td>
            <td>
              <ul className="systems-scopes">
                {endpoint.eventTypes.map((type) => (
                  <li key={type}>{pick(webhookEventTypes[type].label)}</li>
                ))}
              </ul>
            </td>
            <td>
              {endpoint.categories.length > 0
                ? endpoint.categories.map((c) => pick(categoryName(notice, c))).join(", ")
                : "–"}
            </td>
            <td>
              {t("webhooksDeliveries", {
                delivered: String(endpoint.deliveries.delivered),
                waiting: String(endpoint.deliveries.pending + endpoint.deliveries.failing),
                dead: String(endpoint.deliveries.dead),
              })}
              {endpoint.deliveries.lastDeliveredAt && (
                <div className="hint">
                  {t("webhooksLastDelivered", { date: formatDateTime(endpoint.deliveries.lastDeliveredAt, locale) })}
                </div>
              )}
            </td>
            <td>{t(endpoint.enabled ? "webhooksEnabled" : "webhooksDisabled")}</td>
            <td>
              <div className="actions">
                <button type="button" className="secondary" onClick={() => setConfirming(endpoint)}>
                  {t("webhooksRotate")}
                  <span className="visually-hidden"> {endpoint.url}</span>
                </button>
                <button
                  type="button"
                  className={endpoint.enabled ? "danger" : "secondary"}
                  disabled={update.isPending}
                  onClick={() => toggle(endpoint)}
                >
                  {t(endpoint.enabled ? "webhooksDisable" : "webhooksEnable")}
                  <span className="visually-hidden"> {endpoint.url}</span>
                </button>
              </div>
            </td>
          </>
        )}
      </DataTable>
      {confirming && (
        <ConfirmRotate
          key={confirming.id}
          endpoint={confirming}
          onCancel={() => setConfirming(null)}
          onRotated={(shown) => {
            setConfirming(null);
            onRotated(shown);
          }}
        />
      )}
    </>
  );
}

/** A rotation asks once more: the receiver must be given the new secret, or it will refuse what it gets. */
function ConfirmRotate({
  endpoint,
  onCancel,
  onRotated,
}: {
  endpoint: WebhookEndpoint;
  onCancel: () => void;
  onRotated: (shown: { url: string; secret: string }) => void;
}) {
  const { t } = useI18n();
  const rotate = useRotateWebhookSecret();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const err = errorCode(rotate.error);
  return (
    <section className="desk-panel" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t("webhooksRotate")}: {endpoint.url}
      </h3>
      <p className="desk-warning">{t("webhooksRotateConfirm", { url: endpoint.url })}</p>
      {err && <ErrorMessage code={err} />}
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={rotate.isPending}
          onClick={() =>
            rotate.mutate(endpoint.id, { onSuccess: ({ endpoint: e, secret }) => onRotated({ url: e.url, secret }) })
          }
        >
          {t("webhooksConfirmRotate")}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t("webhooksCancel")}
        </button>
      </div>
    </section>
  );
}
