import {
  categoryName,
  type DataCategoryId,
  dataCategoryIds,
  type WebhookEventType,
  webhookEventTypeIds,
  webhookEventTypes,
} from "@tietoni/domain";
import {
  ChoiceGroup,
  FieldError,
  FormError,
  fieldErrors,
  formError,
  InputField,
  noticePartyOf,
  noticePartyOptions,
  SelectField,
  SubmitButton,
  useNotice,
} from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { type CreateWebhookEndpointInput, useCreateWebhookEndpoint } from "../api/create-webhook-endpoint.ts";
import { useConnectedSystems } from "../api/get-connected-systems.ts";
import { useI18n } from "../messages.ts";

const FIELDS = [
  "system",
  "system.systemId",
  "system.name",
  "system.party",
  "system.party.id",
  "url",
  "eventTypes",
  "categories",
  "description",
] as const;

/** Adds an endpoint for a registered system, or registers the system in the same step. */
export function CreateEndpointForm({ onCreated }: { onCreated: (shown: { url: string; secret: string }) => void }) {
  const { t, pick } = useI18n();
  const notice = useNotice();
  const create = useCreateWebhookEndpoint();
  const systems = useConnectedSystems();
  const known = systems.data?.systems ?? [];
  const [choice, setChoice] = useState<"existing" | "new" | null>(null);
  // With no system registered yet, the only choice is a new one.
  const systemKind = known.length === 0 && systems.isSuccess ? "new" : (choice ?? "existing");
  const [systemId, setSystemId] = useState("");
  const [name, setName] = useState("");
  const [party, setParty] = useState("");
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [categories, setCategories] = useState<DataCategoryId[]>([]);
  const [description, setDescription] = useState("");
  const [local, setLocal] = useState<Map<string, string>>(new Map());
  const id = useId();
  const server = fieldErrors(create.error);
  const errors = local.size > 0 ? local : server;
  const nameOfCategory = (c: DataCategoryId) => pick(categoryName(notice, c));

  const toggle = <T extends string>(set: (f: (v: T[]) => T[]) => void, value: T, on: boolean) =>
    set((current) => (on ? [...current, value] : current.filter((v) => v !== value)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = new Map<string, string>();
    if (systemKind === "existing" && !systemId) missing.set("system.systemId", "webhook_system_unknown");
    if (systemKind === "new" && !party) missing.set("system.party", "notice_party_invalid");
    if (events.length === 0) missing.set("eventTypes", "webhook_events_required");
    setLocal(missing);
    if (missing.size > 0) return;
    const system =
      systemKind === "existing"
        ? { kind: "existing" as const, systemId }
        : // The select offers only the notice's ids; the BFF checks them again.
          ({ kind: "new", name, party: noticePartyOf(party) } as CreateWebhookEndpointInput["system"]);
    create.mutate(
      {
        system,
        url,
        eventTypes: events,
        categories,
        ...(description.trim() ? { description } : {}),
      },
      {
        onSuccess: ({ endpoint, secret }) => {
          onCreated({ url: endpoint.url, secret });
          setSystemId("");
          setName("");
          setParty("");
          setUrl("");
          setEvents([]);
          setCategories([]);
          setDescription("");
        },
      },
    );
  };

  const partyOptions = noticePartyOptions(notice, pick);

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("webhooksAddHeading")}</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError code={local.size > 0 ? null : formError(create.error, FIELDS)} />
        {known.length > 0 ? (
          <ChoiceGroup
            id={`${id}-system-kind`}
            legend={t("webhooksSystemChoice")}
            options={[
              ["existing", t("webhooksSystemExisting")],
              ["new", t("webhooksSystemNew")],
            ]}
            value={systemKind}
            onChange={setChoice}
          />
        ) : (
          systems.isSuccess && <p>{t("webhooksNoSystems")}</p>
        )}
        {systemKind === "existing" ? (
          <SelectField
            id={`${id}-system`}
            name="systemId"
            label={t("webhooksSystemSelect")}
            required
            placeholder={t("webhooksSystemChoose")}
            options={known.map((s) => ({ value: s.id, label: s.name }))}
            value={systemId}
            onValue={setSystemId}
            error={errors.get("system.systemId") ?? errors.get("system")}
          />
        ) : (
          <>
            <InputField
              id={`${id}-name`}
              name="systemName"
              label={t("webhooksSystemName")}
              hint={t("webhooksSystemNameHint")}
              autoComplete="off"
              required
              maxLength={100}
              value={name}
              onValue={setName}
              error={errors.get("system.name")}
            />
            <SelectField
              id={`${id}-party`}
              name="party"
              label={t("webhooksParty")}
              hint={t("webhooksPartyHint")}
              required
              placeholder={t("webhooksSystemChoose")}
              options={partyOptions}
              value={party}
              onValue={setParty}
              error={errors.get("system.party") ?? errors.get("system.party.id")}
            />
          </>
        )}
        <InputField
          id={`${id}-url`}
          name="url"
          type="url"
          inputMode="url"
          label={t("webhooksUrl")}
          hint={t("webhooksUrlHint")}
          autoComplete="off"
          required
          maxLength={2000}
          value={url}
          onValue={setUrl}
          error={errors.get("url")}
        />
        <fieldset id={`${id}-events`} aria-describedby={errors.get("eventTypes") ? `${id}-events-error` : undefined}>
          <legend>{t("webhooksEvents")}</legend>
          {webhookEventTypeIds.map((type) => {
            const carried = webhookEventTypes[type].categories;
            return (
              <div className="field marketing-choice" key={type}>
                <input
                  type="checkbox"
                  id={`${id}-event-${type}`}
                  name="eventTypes"
                  value={type}
                  checked={events.includes(type)}
                  onChange={(e) => toggle(setEvents, type, e.currentTarget.checked)}
                  aria-describedby={`${id}-event-${type}-hint`}
                />
                <label htmlFor={`${id}-event-${type}`}>{pick(webhookEventTypes[type].label)}</label>
                <span className="hint" id={`${id}-event-${type}-hint`}>
                  <code>{type}</code> —{" "}
                  {t("webhooksEventCategories", {
                    categories: carried.length > 0 ? carried.map(nameOfCategory).join(", ") : t("webhooksNoCategories"),
                  })}
                </span>
              </div>
            );
          })}
          <FieldError id={`${id}-events-error`} code={errors.get("eventTypes")} />
        </fieldset>
        <fieldset
          id={`${id}-categories`}
          aria-describedby={`${id}-categories-hint${errors.get("categories") ? ` ${id}-categories-error` : ""}`}
        >
          <legend>{t("webhooksCategories")}</legend>
          <p className="hint" id={`${id}-categories-hint`}>
            {t("webhooksCategoriesHint")}
          </p>
          {dataCategoryIds.map((c) => (
            <div className="choice" key={c}>
              <input
                type="checkbox"
                id={`${id}-category-${c}`}
                name="categories"
                value={c}
                checked={categories.includes(c)}
                onChange={(e) => toggle(setCategories, c, e.currentTarget.checked)}
              />
              <label htmlFor={`${id}-category-${c}`}>{nameOfCategory(c)}</label>
            </div>
          ))}
          <FieldError id={`${id}-categories-error`} code={errors.get("categories")} />
        </fieldset>
        <InputField
          id={`${id}-description`}
          name="description"
          label={t("webhooksDescription")}
          autoComplete="off"
          maxLength={200}
          value={description}
          onValue={setDescription}
          error={errors.get("description")}
        />
        <SubmitButton pending={create.isPending} label={t("webhooksAdd")} pendingLabel={t("webhooksAdding")} />
      </form>
    </section>
  );
}
