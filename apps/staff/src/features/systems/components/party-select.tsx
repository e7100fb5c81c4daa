import { recipientIds, registerDescription, sourceIds } from "@tietoni/domain";
import { SelectField } from "@tietoni/ui";
import { useI18n } from "../messages.ts";

/** A notice party as the select holds it: `source:registration`, `recipient:controllerStaff`. */
export type PartyValue = string;

export const partyValue = (party: { kind: string; id: string }): PartyValue => `${party.kind}:${party.id}`;

/** The value back as the API's `party`, or null while nothing is chosen. */
export function partyOf(value: PartyValue): { kind: "source" | "recipient"; id: string } | null {
  const [kind, id] = value.split(":");
  return (kind === "source" || kind === "recipient") && id ? { kind, id } : null;
}

/** The register description's sources and recipients, by their names in the current language. */
export function PartySelect({
  id,
  value,
  onValue,
  error,
}: {
  id: string;
  value: PartyValue;
  onValue: (value: PartyValue) => void;
  error?: string | null;
}) {
  const { t, pick } = useI18n();
  const options = [
    ...sourceIds.map((source) => ({
      value: `source:${source}`,
      label: t("systemsPartySource", { name: pick(registerDescription.sources[source].name) }),
    })),
    ...recipientIds.map((recipient) => ({
      value: `recipient:${recipient}`,
      label: t("systemsPartyRecipient", { name: pick(registerDescription.recipients[recipient].name) }),
    })),
  ];
  return (
    <SelectField
      id={id}
      name="party"
      label={t("systemsParty")}
      hint={t("systemsPartyHint")}
      required
      placeholder={t("systemsPartyChoose")}
      options={options}
      value={value}
      onValue={onValue}
      error={error}
    />
  );
}

/** How a system's party reads in a table or a summary. */
export function PartyName({ party }: { party: { kind: string; name: { fi: string; en: string } } }) {
  const { t, pick } = useI18n();
  return <>{t(party.kind === "source" ? "systemsPartySource" : "systemsPartyRecipient", { name: pick(party.name) })}</>;
}
