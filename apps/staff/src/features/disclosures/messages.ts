import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the disclosure log on the customer record (fi/en); keys start with "disclosures". */
export const disclosuresMessages = {
  disclosuresHeading: { fi: "Luovutukset", en: "Disclosures" },
  disclosuresIntro: {
    fi: "Jokainen kerta, kun asiakkaan tietoja on luovutettu vastaanottajalle: automaattiset tiedonsiirrot, postituslistat ja henkilökunnan kirjaamat luovutukset. Asiakas näkee saman luettelon omissa tiedoissaan.",
    en: "Every time the customer's data went to a recipient: automatic transfers, mailing lists and disclosures recorded by staff. The customer sees the same list in the portal.",
  },
  disclosuresCaption: {
    fi: "Asiakkaan tietojen luovutukset, uusin ensin",
    en: "Disclosures of the customer's data, newest first",
  },
  disclosuresNone: { fi: "Asiakkaan tietoja ei ole luovutettu.", en: "The customer's data has not been disclosed." },
  disclosuresFormHeading: { fi: "Kirjaa luovutus", en: "Record a disclosure" },
  disclosuresFormIntro: {
    fi: "Kirjaa luovutus, jonka teit muuta kautta, esimerkiksi perintätoimistolle, tilitoimistolle tai viranomaiselle.",
    en: "Record a disclosure made another way, for example to a collection agency, the accounting partner or an authority.",
  },
  disclosuresRecipient: { fi: "Vastaanottaja", en: "Recipient" },
  disclosuresChooseRecipient: { fi: "Valitse vastaanottaja", en: "Choose the recipient" },
  disclosuresSystemOption: { fi: "Järjestelmä: {name}", en: "System: {name}" },
  disclosuresNoticeOption: { fi: "Selosteen vastaanottaja: {name}", en: "Recipient in the notice: {name}" },
  disclosuresCategories: { fi: "Luovutetut tiedot", en: "Data disclosed" },
  disclosuresLegalBasis: { fi: "Oikeusperuste", en: "Legal basis" },
  disclosuresReason: { fi: "Syy", en: "Reason" },
  disclosuresChoose: { fi: "Valitse", en: "Choose" },
  disclosuresDay: { fi: "Luovutuspäivä", en: "Day of the disclosure" },
  disclosuresDayHint: { fi: "Ei tulevaisuudessa", en: "Not in the future" },
  disclosuresSave: { fi: "Kirjaa luovutus", en: "Record the disclosure" },
  disclosuresSaving: { fi: "Kirjataan…", en: "Recording…" },
  disclosuresSaved: { fi: "Luovutus kirjattiin.", en: "The disclosure was recorded." },
} as const satisfies Record<string, Localized>;

/** The disclosures feature's texts with the app's. */
export const { useI18n } = createI18n({ ...appMessages, ...disclosuresMessages });
