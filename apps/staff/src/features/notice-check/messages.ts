import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the notice check (issue 15 B, fi/en); keys start with "noticeCheck". */
export const noticeCheckMessages = {
  noticeCheckTitle: { fi: "Selosteen tarkistus", en: "Notice check" },
  noticeCheckIntro: {
    fi: "Kohdat, joissa tietosuojaseloste kertoo jotain, mitä tarkastaja kysyisi, perusteluineen ja linkkeineen ohjeisiin. Tarkistus vain lukee selostetta: mitään ei muuteta rekisterinpitäjän puolesta. Seloste on rekisterinpitäjän oma ilmoitus; muutokset tehdään selostetiedostoon (NOTICE_FILE), ja ne tulevat voimaan, kun palvelin käynnistetään uudelleen.",
    en: "Where the privacy notice states something an auditor would question, with the reason and a link to the guidance. The check only reads the notice: nothing is changed on the controller's behalf. The notice is the controller's own statement; changes are made in the notice file (NOTICE_FILE) and take effect when the server restarts.",
  },
  noticeCheckVersion: {
    fi: "Voimassa oleva seloste: versio {id}, päivätty {date}, voimassa {since} alkaen.",
    en: "Notice in force: version {id}, dated {date}, in force since {since}.",
  },
  noticeCheckNoVersion: {
    fi: "Seloste päivätty {date}; versiota ei ole vielä kirjattu (kirjataan palvelimen käynnistyessä).",
    en: "Notice dated {date}; no version recorded yet (recorded when the server starts).",
  },
  noticeCheckCount: { fi: "Huomautuksia: {count}.", en: "Warnings: {count}." },
  noticeCheckNone: {
    fi: "Tarkistus ei löytänyt selosteesta kysyttävää.",
    en: "The check found nothing to question in the notice.",
  },
  noticeCheckWhere: { fi: "Kohta tiedostossa", en: "Place in the file" },
  noticeCheckGuidance: { fi: "Ohje", en: "Guidance" },
  noticeCheckCode_contractBasisForMarketing: {
    fi: "Markkinointi, profilointi tai tilastointi sopimuksen perusteella",
    en: "Marketing, profiling or statistics on the basis of a contract",
  },
  noticeCheckCode_cookieConsentByBrowserSettings: {
    fi: "Evästesuostumus jätetty selaimen asetusten varaan",
    en: "Cookie consent left to browser settings",
  },
  noticeCheckCode_transfersWithoutSafeguards: {
    fi: "Siirrot ETA:n ulkopuolelle ilman nimettyjä suojatoimia",
    en: "Transfers outside the EEA without safeguards named",
  },
  noticeCheckCode_retentionWithoutEnd: {
    fi: "Säilytysaika ilman päättymistä",
    en: "Retention without an end",
  },
} as const satisfies Record<string, Localized>;

export const { useI18n } = createI18n({ ...appMessages, ...noticeCheckMessages });
