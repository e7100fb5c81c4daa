import { type Localized, partyName, type RegisterDescription, sourceIds } from "@tietoni/domain";
import { interpolate } from "../i18n/create-i18n.tsx";

/*
 * A party of the privacy notice (a source or a recipient) as a select holds it — `source:registration`,
 * `recipient:controllerStaff` — for every form that ties a connected system to the notice (the systems page, the
 * webhook form's "new system").
 */

const texts = {
  source: { fi: "Tietolähde: {name}", en: "Source: {name}" },
  recipient: { fi: "Vastaanottaja: {name}", en: "Recipient: {name}" },
} as const satisfies Record<string, Localized>;

export const noticePartyValue = (party: { kind: string; id: string }): string => `${party.kind}:${party.id}`;

/** The value back as the API's `party`, or null while nothing (or nothing known) is chosen. */
export function noticePartyOf(value: string): { kind: "source" | "recipient"; id: string } | null {
  const [kind, id] = value.split(":");
  return (kind === "source" || kind === "recipient") && id ? { kind, id } : null;
}

/** The register description's sources and recipients as options, named in the current language. */
export function noticePartyOptions(
  notice: RegisterDescription,
  pick: (text: Localized) => string,
): { value: string; label: string }[] {
  return [
    ...sourceIds
      .filter((id) => notice.sources[id] !== undefined)
      .map((id) => ({
        value: noticePartyValue({ kind: "source", id }),
        label: interpolate(pick(texts.source), { name: pick(partyName(notice, "source", id)) }),
      })),
    ...Object.keys(notice.recipients).map((id) => ({
      value: noticePartyValue({ kind: "recipient", id }),
      label: interpolate(pick(texts.recipient), { name: pick(partyName(notice, "recipient", id)) }),
    })),
  ];
}
