import type { ErasureBlocker, Localized } from "@tietoni/domain";
import type { MessageVars } from "@tietoni/ui";

/** The blocking grounds' texts for staff; both the operations and the retention feature bind them to their `t`. */
export const blockerMessages = {
  operationsBlockerOpenInvoice: { fi: "Avoimia laskuja: {count}", en: "Open invoices: {count}" },
  operationsBlockerDebtCollection: { fi: "Laskuja perinnässä: {count}", en: "Invoices in debt collection: {count}" },
  operationsBlockerLegalHold: {
    fi: "Säilytysvelvoite (laki tai vireillä oleva oikeusasia)",
    en: "Legal hold (the law or a pending legal matter)",
  },
  operationsBlockerActiveContactPerson: {
    fi: "Organisaation yhteyshenkilö: {organisations}",
    en: "Contact person of an organisation: {organisations}",
  },
} as const satisfies Record<string, Localized>;

type Translate = (key: keyof typeof blockerMessages, vars?: MessageVars) => string;

/** A blocking ground as staff read it (the domain's own texts address the customer). */
export function blockerText(t: Translate, blocker: ErasureBlocker): string {
  switch (blocker.ground) {
    case "openInvoice":
      return t("operationsBlockerOpenInvoice", { count: blocker.count });
    case "debtCollection":
      return t("operationsBlockerDebtCollection", { count: blocker.count });
    case "legalHold":
      return t("operationsBlockerLegalHold");
    case "activeContactPerson":
      return t("operationsBlockerActiveContactPerson", { organisations: blocker.organisations.join(", ") });
  }
}
