import type { ErasureBlocker } from "@tietoni/domain";
import type { useI18n } from "./i18n.ts";

type Translate = ReturnType<typeof useI18n>["t"];

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
