import {
  DataTable,
  EmptyState,
  ErrorMessage,
  errorCode,
  FormError,
  fieldErrors,
  formatDate,
  formatDateTime,
  formError,
  InputField,
  Loading,
  noticePartyOf,
  noticePartyValue,
  SubmitButton,
} from "@tietoni/ui";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { usePageTitle } from "../../../app/use-page-title.ts";
import { paths } from "../../../config/paths.ts";
import { type ApiClient, type SystemDetail, useSystem } from "../api/get-system.ts";
import { useRevokeApiClient } from "../api/revoke-api-client.ts";
import { useRotateApiClient } from "../api/rotate-api-client.ts";
import { useUpdateSystem } from "../api/update-system.ts";
import { useI18n } from "../messages.ts";
import { CreateClientForm } from "./create-client-form.tsx";
import { PartyName, PartySelect } from "./party-select.tsx";
import { TokenPanel } from "./token-panel.tsx";

type Shown = { name: string; token: string } | null;

/** One connected system: its details, a rename or re-point, and its API clients with their one-time tokens. */
export function SystemPage({ id }: { id: string }) {
  const { t } = useI18n();
  const system = useSystem(id);
  const [status, setStatus] = useState("");
  // The token of the client just created or rotated; gone when the admin closes it or leaves the page.
  const [shown, setShown] = useState<Shown>(null);
  const err = errorCode(system.error);
  usePageTitle(system.data?.system.name ?? t("systemsTitle"));

  return (
    <>
      <p>
        <Link to={paths.systems}>{t("systemsBack")}</Link>
      </p>
      {system.isPending && <Loading />}
      {err && <ErrorMessage code={err} />}
      {system.data && (
        <>
          <h1>{system.data.system.name}</h1>
          <p role="status" className={status ? "success-message" : "visually-hidden"}>
            {status}
          </p>
          <SystemSummary detail={system.data} />
          {shown && (
            <TokenPanel key={shown.token} clientName={shown.name} token={shown.token} onDone={() => setShown(null)} />
          )}
          <ClientsTable
            detail={system.data}
            onRotated={(s) => {
              setStatus("");
              setShown(s);
            }}
            onRevoked={(message) => {
              setShown(null);
              setStatus(message);
            }}
          />
          <CreateClientForm
            systemId={id}
            onCreated={(s) => {
              setStatus("");
              setShown(s);
            }}
          />
          <EditSystemForm key={system.data.system.name} detail={system.data} onSaved={setStatus} />
        </>
      )}
    </>
  );
}

function SystemSummary({ detail }: { detail: SystemDetail }) {
  const { t, locale } = useI18n();
  const { system } = detail;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale) : t("systemsNever"));
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t("systemsDetailsHeading")}</h2>
      <dl>
        <dt>{t("systemsColParty")}</dt>
        <dd>
          <PartyName party={system.party} />
        </dd>
        <dt>{t("systemsRegisteredOn")}</dt>
        <dd>{formatDate(system.createdAt, locale)}</dd>
        <dt>{t("systemsColLastImport")}</dt>
        <dd>{when(system.lastImportAt)}</dd>
        <dt>{t("systemsColLastApi")}</dt>
        <dd>{when(system.lastApiUseAt)}</dd>
      </dl>
    </section>
  );
}

function ClientsTable({
  detail,
  onRotated,
  onRevoked,
}: {
  detail: SystemDetail;
  onRotated: (shown: { name: string; token: string }) => void;
  onRevoked: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const [confirming, setConfirming] = useState<{ client: ApiClient; step: "rotate" | "revoke" } | null>(null);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale) : t("systemsNever"));
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t("clientsHeading")}</h2>
      <p>{t("clientsIntro")}</p>
      <DataTable
        caption={t("clientsCaption")}
        columns={[
          t("clientsColName"),
          t("clientsColScopes"),
          { label: t("clientsColRate"), number: true },
          t("clientsColCreated"),
          t("clientsColRotated"),
          t("clientsColLastUsed"),
          t("clientsColStatus"),
          t("clientsColActions"),
        ]}
        rows={detail.clients}
        rowKey={(client) => client.id}
        empty={<EmptyState>{t("clientsNone")}</EmptyState>}
      >
        {(client) => (
          <>
            <th scope="row">{client.name}</th>
            <td>
              <ul className="systems-scopes">
                {client.scopes.map((scope) => (
                  <li key={scope}>
                    <code>{scope}</code>
                  </li>
                ))}
              </ul>
            </td>
            <td className="number">{client.requestsPerMinute ?? t("clientsDefaultRate")}</td>
            <td>{formatDateTime(client.createdAt, locale)}</td>
            <td>{client.secretRotatedAt ? formatDateTime(client.secretRotatedAt, locale) : "–"}</td>
            <td>{when(client.lastUsedAt)}</td>
            <td>
              {client.revokedAt
                ? t("clientsRevokedOn", { date: formatDate(client.revokedAt, locale) })
                : t("clientsActive")}
            </td>
            <td>
              {!client.revokedAt && (
                <div className="actions">
                  <button type="button" className="secondary" onClick={() => setConfirming({ client, step: "rotate" })}>
                    {t("clientsRotate")}
                    <span className="visually-hidden"> {client.name}</span>
                  </button>
                  <button type="button" className="danger" onClick={() => setConfirming({ client, step: "revoke" })}>
                    {t("clientsRevoke")}
                    <span className="visually-hidden"> {client.name}</span>
                  </button>
                </div>
              )}
            </td>
          </>
        )}
      </DataTable>
      {confirming && (
        <ConfirmClientStep
          key={`${confirming.client.id}-${confirming.step}`}
          systemId={detail.system.id}
          client={confirming.client}
          step={confirming.step}
          onCancel={() => setConfirming(null)}
          onRotated={(shown) => {
            setConfirming(null);
            onRotated(shown);
          }}
          onRevoked={(message) => {
            setConfirming(null);
            onRevoked(message);
          }}
        />
      )}
    </section>
  );
}

/** Rotation and revocation each ask once more, saying what happens to the token in use. */
function ConfirmClientStep({
  systemId,
  client,
  step,
  onCancel,
  onRotated,
  onRevoked,
}: {
  systemId: string;
  client: ApiClient;
  step: "rotate" | "revoke";
  onCancel: () => void;
  onRotated: (shown: { name: string; token: string }) => void;
  onRevoked: (message: string) => void;
}) {
  const { t } = useI18n();
  const rotate = useRotateApiClient();
  const revoke = useRevokeApiClient();
  const mutation = step === "rotate" ? rotate : revoke;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The question opens below the table: take keyboard and screen-reader users to it.
  useEffect(() => heading.current?.focus(), []);
  const err = errorCode(mutation.error);
  const confirm = () => {
    const ids = { systemId, clientId: client.id };
    if (step === "rotate") {
      rotate.mutate(ids, { onSuccess: ({ client: c, token }) => onRotated({ name: c.name, token }) });
    } else {
      revoke.mutate(ids, { onSuccess: ({ client: c }) => onRevoked(t("clientsRevoked", { name: c.name })) });
    }
  };
  return (
    <section className="desk-panel" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t(step === "rotate" ? "clientsRotate" : "clientsRevoke")}: {client.name}
      </h3>
      <p className="desk-warning">
        {t(step === "rotate" ? "clientsRotateConfirm" : "clientsRevokeConfirm", { name: client.name })}
      </p>
      {err && <ErrorMessage code={err} />}
      <div className="actions">
        <button type="button" className="danger" disabled={mutation.isPending} onClick={confirm}>
          {t(step === "rotate" ? "clientsConfirmRotate" : "clientsConfirmRevoke")}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t("clientsCancel")}
        </button>
      </div>
    </section>
  );
}

const EDIT_FIELDS = ["name", "party", "party.kind", "party.id"] as const;

function EditSystemForm({ detail, onSaved }: { detail: SystemDetail; onSaved: (message: string) => void }) {
  const { t } = useI18n();
  const update = useUpdateSystem();
  const { system } = detail;
  const [name, setName] = useState(system.name);
  const [party, setParty] = useState(noticePartyValue(system.party));
  const id = useId();
  const errors = fieldErrors(update.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen = noticePartyOf(party);
    update.mutate(
      {
        id: system.id,
        input: {
          name,
          ...(chosen ? { party: chosen as NonNullable<Parameters<typeof update.mutate>[0]["input"]["party"]> } : {}),
        },
      },
      { onSuccess: () => onSaved(t("systemsSaved")) },
    );
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("systemsEditHeading")}</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError code={formError(update.error, EDIT_FIELDS)} />
        <InputField
          id={`${id}-name`}
          name="name"
          label={t("systemsName")}
          hint={t("systemsNameHint")}
          autoComplete="off"
          required
          maxLength={100}
          value={name}
          onValue={setName}
          error={errors.get("name")}
        />
        <PartySelect
          id={`${id}-party`}
          value={party}
          onValue={setParty}
          error={errors.get("party") ?? errors.get("party.id")}
        />
        <SubmitButton pending={update.isPending} label={t("systemsSave")} pendingLabel={t("systemsSaving")} />
      </form>
    </section>
  );
}
