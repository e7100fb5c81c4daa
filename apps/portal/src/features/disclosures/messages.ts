import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of "who received my data" (fi/en); keys start with "disclosures". */
export const disclosuresMessages = {
  disclosuresTitle: { fi: "Kenelle tietojani on luovutettu", en: "Who received my data" },
  disclosuresIntro: {
    fi: "Tässä näet jokaisen kerran, kun tietojasi on luovutettu rekisteristä eteenpäin: yrityksen järjestelmille automaattisesti, postituslistalla tai henkilökunnan luovuttamana esimerkiksi perintään, kirjanpitoon tai viranomaiselle. Kunkin kohdalla kerrotaan vastaanottaja, ajankohta, luovutetut tiedot ja peruste.",
    en: "Here you see every time your data has left the register: sent automatically to the company's systems, put on a mailing list, or disclosed by staff, for example for debt collection, bookkeeping or to an authority. Each shows the recipient, when, which data and why.",
  },
  disclosuresCaption: { fi: "Tietojesi luovutukset, uusin ensin", en: "Disclosures of your data, newest first" },
  disclosuresNone: {
    fi: "Tietojasi ei ole luovutettu kenellekään.",
    en: "Your data has not been disclosed to anyone.",
  },
  disclosuresKept: {
    fi: "Luettelo säilyy myös, jos tietosi poistetaan: siinä ei ole muita tietoja sinusta kuin asiakastunnuksesi.",
    en: "This list is kept even if your data is erased: it holds nothing about you but your customer ID.",
  },
} as const satisfies Record<string, Localized>;

/** The disclosures feature's texts with the app's. */
export const { useI18n } = createI18n({ ...appMessages, ...disclosuresMessages });
