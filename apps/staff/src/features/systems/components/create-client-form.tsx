import { type IntegrationScope, integrationScopes, integrationScopeTexts } from "@tietoni/domain";
import { FieldError, FormError, fieldErrors, formError, InputField, SubmitButton } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useCreateApiClient } from "../api/create-api-client.ts";
import { useI18n } from "../messages.ts";

const FIELDS = ["name", "scopes", "requestsPerMinute"] as const;

/** A new API client of the system: a name, the scopes it needs, and a rate if not the default. */
export function CreateClientForm({
  systemId,
  onCreated,
}: {
  systemId: string;
  onCreated: (created: { name: string; token: string }) => void;
}) {
  const { t, pick } = useI18n();
  const create = useCreateApiClient();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<IntegrationScope[]>([]);
  const [rate, setRate] = useState("");
  const id = useId();
  const [scopesMissing, setScopesMissing] = useState(false);
  const errors = fieldErrors(create.error);
  const scopeError = scopesMissing ? "scopes_required" : (errors.get("scopes") ?? errors.get("scopes.0"));
  const rateNumber = rate.trim() === "" ? null : Number(rate);

  const toggle = (scope: IntegrationScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setScopesMissing(scopes.length === 0);
    if (scopes.length === 0) return;
    create.mutate(
      { systemId, input: { name, scopes, requestsPerMinute: rateNumber } },
      {
        onSuccess: ({ client, token }) => {
          onCreated({ name: client.name, token });
          setName("");
          setScopes([]);
          setRate("");
        },
      },
    );
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("clientsCreateHeading")}</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError code={formError(create.error, [...FIELDS, "scopes.0"])} />
        <InputField
          id={`${id}-name`}
          name="name"
          label={t("clientsName")}
          hint={t("clientsNameHint")}
          autoComplete="off"
          required
          maxLength={100}
          value={name}
          onValue={setName}
          error={errors.get("name")}
        />
        <fieldset id={`${id}-scopes`} aria-describedby={scopeError ? `${id}-scopes-error` : undefined}>
          <legend>{t("clientsScopes")}</legend>
          {integrationScopes.map((scope) => (
            // The portal's marketing switches' layout: the box, its label, and the explanation under the label.
            <div className="field marketing-choice" key={scope}>
              <input
                type="checkbox"
                id={`${id}-scope-${scope}`}
                name="scopes"
                value={scope}
                checked={scopes.includes(scope)}
                onChange={(e) => toggle(scope, e.currentTarget.checked)}
                aria-describedby={`${id}-scope-${scope}-hint`}
              />
              <label htmlFor={`${id}-scope-${scope}`}>
                <code>{scope}</code>
              </label>
              <span className="hint" id={`${id}-scope-${scope}-hint`}>
                {pick(integrationScopeTexts[scope])}
              </span>
            </div>
          ))}
          <FieldError id={`${id}-scopes-error`} code={scopeError} />
        </fieldset>
        <InputField
          id={`${id}-rate`}
          name="requestsPerMinute"
          type="number"
          inputMode="numeric"
          min={1}
          max={6000}
          label={t("clientsRate")}
          hint={t("clientsRateHint")}
          value={rate}
          onValue={setRate}
          error={errors.get("requestsPerMinute")}
        />
        <SubmitButton pending={create.isPending} label={t("clientsCreate")} pendingLabel={t("clientsCreating")} />
      </form>
    </section>
  );
}
