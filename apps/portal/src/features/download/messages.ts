import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the download feature (fi/en). */
export const downloadMessages = {
  downloadTitle: { fi: "Lataa omat tietoni", en: "Download my data" },
  downloadIntro: {
    fi: "Voit ladata kaikki tiedot, jotka asiakasrekisterissä on sinusta (tietosuoja-asetus, art. 15 ja 20). Valitse sinulle sopiva muoto: jokaisessa on samat tiedot, kaikki tilauksesi mukaan lukien.",
    en: "You can download everything the customer register holds on you (GDPR, Art. 15 and 20). Choose the format that suits you: each holds the same data, including all your orders.",
  },
  downloadJsonHeading: { fi: "JSON – koneluettava tiedosto", en: "JSON – machine-readable file" },
  downloadJsonText: {
    fi: "Rakenteinen tiedosto, jonka voit siirtää toiseen palveluun tai käsitellä ohjelmallisesti. Tiedoston rakenne on kuvattu JSON Schema -muodossa.",
    en: "A structured file you can move to another service or process with a program. Its structure is described as a JSON Schema.",
  },
  downloadJsonLink: { fi: "Lataa JSON-tiedosto", en: "Download the JSON file" },
  downloadJsonSchemaLink: {
    fi: "JSON-tiedoston rakennekuvaus (JSON Schema)",
    en: "The JSON file's schema (JSON Schema)",
  },
  downloadCsvHeading: { fi: "CSV – taulukot zip-pakettina", en: "CSV – tables in a zip file" },
  downloadCsvText: {
    fi: "Jokainen tietoryhmä omana CSV-taulukkonaan, jonka voit avata esimerkiksi taulukkolaskentaohjelmalla. Taulukot on pakattu yhdeksi zip-tiedostoksi.",
    en: "Each data category as a CSV table of its own, which you can open in a spreadsheet program, for example. The tables are packed into one zip file.",
  },
  downloadCsvLink: { fi: "Lataa CSV-taulukot (zip)", en: "Download the CSV tables (zip)" },
  downloadHtmlHeading: { fi: "HTML – luettava asiakirja", en: "HTML – readable document" },
  downloadHtmlText: {
    fi: "Selkeä asiakirja, jonka voit avata selaimella ja joka tulostuu siististi. Asiakirja on suomeksi, koska käytät palvelua suomeksi.",
    en: "A clear document you can open in a browser and that prints well. The document is in English, as you are using this service in English.",
  },
  downloadHtmlLink: { fi: "Lataa HTML-asiakirja", en: "Download the HTML document" },
  downloadHistoryHeading: { fi: "Aiemmat lataukset", en: "Earlier downloads" },
  downloadHistoryCaption: { fi: "Tietojesi lataukset, uusin ensin", en: "Downloads of your data, newest first" },
  downloadHistoryWhen: { fi: "Aika", en: "When" },
  downloadHistoryFormat: { fi: "Muoto", en: "Format" },
  downloadFormatJson: { fi: "JSON", en: "JSON" },
  downloadFormatCsv: { fi: "CSV (zip)", en: "CSV (zip)" },
  downloadFormatHtml: { fi: "HTML", en: "HTML" },
  downloadNoHistory: { fi: "Et ole vielä ladannut tietojasi.", en: "You have not downloaded your data yet." },
} as const satisfies Record<string, Localized>;

/** The download feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...downloadMessages });
