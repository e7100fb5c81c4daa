import { noticePartyOptions, SelectField, useNotice } from "@tietoni/ui";
import { useI18n } from "../messages.ts";

/** The register description's sources and recipients, by their names in the current language. */
export function PartySelect({
  id,
  value,
  onValue,
  error,
}: {
  id: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | null;
}) {
  const { t, pick } = useI18n();
  const notice = useNotice();
  const options = noticePartyOptions(notice, pick);
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
