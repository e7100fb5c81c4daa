import { type Localized, type ProtectedAddressReason, protectedAddressReasonTexts } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the protected-address reveal (issue 12); keys start with "protectedAddress". */
export const protectedAddressMessages = {
  protectedAddressNotice: {
    fi: "Turvakielto: osoite näytetään vain syyn kanssa",
    en: "Protected address (non-disclosure)",
  },
  protectedAddressShow: { fi: "Näytä osoite", en: "Show address" },
  protectedAddressReasonLabel: { fi: "Miksi avaat osoitteen?", en: "Why do you open the address?" },
  protectedAddressReasonHint: {
    fi: "Avaus kirjataan lokiin syyn kanssa, ja asiakas näkee sen.",
    en: "The opening is logged with the reason, and the customer can see it.",
  },
  protectedAddressChoose: { fi: "Valitse syy", en: "Choose a reason" },
  protectedAddressSubmit: { fi: "Näytä", en: "Show" },
  protectedAddressSubmitting: { fi: "Avataan…", en: "Opening…" },
  protectedAddressCancel: { fi: "Peruuta", en: "Cancel" },
  protectedAddressShown: { fi: "Suojattu osoite", en: "Protected address" },
} as const satisfies Record<string, Localized>;

export const protectedAddressReasonLabels = protectedAddressReasonTexts satisfies Record<
  ProtectedAddressReason,
  Localized
>;

export const { useI18n } = createI18n({ ...appMessages, ...protectedAddressMessages });
