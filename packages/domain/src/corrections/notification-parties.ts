import type { Localized } from "../i18n/localized.ts";
import type { DataCategoryId, RecipientId, SourceId } from "../register/ids.ts";
import { registerDescription } from "../register/register-description.ts";
import type { CorrectableField } from "../requests/request-model.ts";

/** Which of the register's data categories a correctable field belongs to. */
export const fieldCategory: Record<CorrectableField, DataCategoryId> = {
  firstName: "name",
  lastName: "name",
  organisation: "organisation",
  billingName: "billing",
  billingAddress: "billing",
  eInvoiceAddress: "billing",
  phone: "phone",
  postalAddress: "postalAddress",
  www: "www",
};

export type NotificationParty =
  | { kind: "source"; id: SourceId; name: Localized }
  | { kind: "recipient"; id: RecipientId; name: Localized };

/**
 * Art. 19 and the notice: a correction is told to the party the wrong datum came from and to those it
 * was disclosed to. Sources are the record's own recorded sources for the field's category (the customer
 * themselves excluded: they asked); recipients are the category's recipients outside the controller's staff.
 */
export function partiesToNotify(
  field: CorrectableField,
  recordedSources: readonly { category: DataCategoryId; source: SourceId }[],
): NotificationParty[] {
  const category = fieldCategory[field];
  const selfSources: ReadonlySet<SourceId> = new Set(["registration", "customerNotice"]);
  const sources = [...new Set(recordedSources.filter((s) => s.category === category).map((s) => s.source))]
    .filter((s) => !selfSources.has(s))
    .map((id) => ({ kind: "source" as const, id, name: registerDescription.sources[id].name }));
  const recipients = registerDescription.dataCategories[category].recipients
    .filter((r) => r !== "controllerStaff")
    .map((id) => ({ kind: "recipient" as const, id, name: registerDescription.recipients[id].name }));
  return [...sources, ...recipients];
}
