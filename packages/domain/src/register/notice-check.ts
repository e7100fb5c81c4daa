import type { Localized } from "../i18n/localized.ts";
import type { Purpose, RegisterDescription } from "./register-description.ts";

/*
 * The notice check (issue 15): statements in a privacy notice an auditor would question, each with the reason and
 * the guidance it rests on. A check only reads: nothing is changed on the controller's behalf, since the notice is
 * the controller's own statement and only the controller can decide what it should say instead.
 *
 * Where the file states a fact as data (`purposes[].kind`, `cookies.consent`, `transferSafeguards`,
 * `retention.years`) the check reads the data. Older files, the demo's among them, state it only in prose: the
 * check then reads the text in both languages for the words that say it. A word match can be wrong; a warning
 * is a question for the controller, not a finding, and adding the structured field settles it either way.
 */

export const noticeWarningCodes = [
  "contractBasisForMarketing",
  "cookieConsentByBrowserSettings",
  "transfersWithoutSafeguards",
  "retentionWithoutEnd",
] as const;
export type NoticeWarningCode = (typeof noticeWarningCodes)[number];

export type NoticeGuidance = { readonly title: Localized; readonly url: string };

export type NoticeWarning = {
  readonly code: NoticeWarningCode;
  /** Where in the file the statement is, as the schema's problems name paths (`purposes.6`). */
  readonly path: string;
  readonly reason: Localized;
  readonly guidance: NoticeGuidance;
};

export const noticeGuidance = {
  edpb22019: {
    title: {
      fi: "EDPB:n ohjeet 2/2019 henkilötietojen käsittelystä 6 artiklan 1 kohdan b alakohdan nojalla",
      en: "EDPB Guidelines 2/2019 on processing under Article 6(1)(b) GDPR",
    },
    url: "https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-22019-processing-personal-data-under-article-61b_en",
  },
  edpb052020: {
    title: {
      fi: "EDPB:n ohjeet 05/2020 suostumuksesta; Traficomin evästeohje (sähköisen viestinnän palvelulaki 205 §)",
      en: "EDPB Guidelines 05/2020 on consent; Traficom's cookie guidance (Finnish Electronic Communications Act s. 205)",
    },
    url: "https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-052020-consent-under-regulation-2016679_en",
  },
  transfers: {
    title: {
      fi: "EU:n yleinen tietosuoja-asetus 44–46 artikla: siirrot kolmansiin maihin ja asianmukaiset suojatoimet",
      en: "GDPR Articles 44–46: transfers to third countries and appropriate safeguards",
    },
    url: "https://www.edpb.europa.eu/sme-data-protection-guide/international-data-transfers_en",
  },
  storageLimitation: {
    title: {
      fi: "EU:n yleinen tietosuoja-asetus 5 artiklan 1 kohdan e alakohta ja 13 artiklan 2 kohdan a alakohta: säilytysaika",
      en: "GDPR Article 5(1)(e) and Article 13(2)(a): the storage period",
    },
    url: "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
  },
} as const satisfies Record<string, NoticeGuidance>;

/** Kinds of purpose that are not necessary for performing a contract with the customer (EDPB 2/2019, 48–57). */
const notForContract = new Set<NonNullable<Purpose["kind"]>>(["marketing", "profiling", "statistics"]);

/** Words of marketing, targeting, profiling or statistics in either language (purposes without a `kind`). */
const marketingWords =
  /\b(advertis\w*|marketing|targeted|targeting|profil\w*|statistic\w*|direct mail\w*)\b|mainon\w*|markkino\w*|suoramain\w*|kohdenn\w*|kohdist\w*|profiloi\w*|tilasto\w*/iu;

/** Consent to cookies left to the visitor's browser settings, in either language. */
const browserSettingsWords = /browser settings|selaime\w* asetu\w*/iu;

/** A transfer stated as never happening, and the exceptions that open it again. */
const noTransferWords = /\b(not|never) (be )?transferred\b|\bno (personal )?data (is|are) transferred\b|ei siirretä/iu;
const exceptionWords = /\b(unless|except|however|may)\b|ellei|paitsi|lukuun ottamatta|kuitenkin|voidaan|saatetaan/iu;

/** A period: a number in digits or words. A retention text without one states no end. */
const periodWords =
  /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b|yksi|kaksi|kolme|neljä|viisi|kuusi|seitsemän|kahdeksan|yhdeksän|kymmenen/iu;

function says(text: Localized, pattern: RegExp): boolean {
  return pattern.test(text.fi) || pattern.test(text.en);
}

function isNotForContract(purpose: Purpose): boolean {
  if (purpose.kind !== undefined) return notForContract.has(purpose.kind);
  return says(purpose.text, marketingWords);
}

/** Whether the notice allows any transfer outside the EEA: anything but a flat "not transferred". */
function allowsTransfers(text: Localized): boolean {
  return !(says(text, noTransferWords) && !says(text, exceptionWords));
}

/** The warnings of a notice, in the order of the file. An empty list: nothing the check knows to question. */
export function checkNotice(notice: RegisterDescription): NoticeWarning[] {
  const warnings: NoticeWarning[] = [];
  notice.purposes.forEach((purpose, i) => {
    if (purpose.legalBasis.article !== "6(1)(b)" || !isNotForContract(purpose)) return;
    warnings.push({
      code: "contractBasisForMarketing",
      path: `purposes.${i}`,
      reason: {
        fi: `Käyttötarkoitus "${purpose.text.fi}" on markkinointia, profilointia tai tilastointia, mutta sen oikeusperusteeksi on ilmoitettu sopimus (6 artiklan 1 kohdan b alakohta). Sopimus kelpaa perusteeksi vain käsittelylle, joka on välttämätöntä sopimuksen täyttämiseksi; tällaiselle käsittelylle peruste on yleensä suostumus tai oikeutettu etu.`,
        en: `The purpose "${purpose.text.en}" is marketing, profiling or statistics, yet its legal basis is given as a contract (Art. 6(1)(b)). A contract is a basis only for processing necessary to perform it; such processing usually rests on consent or legitimate interest.`,
      },
      guidance: noticeGuidance.edpb22019,
    });
  });

  const consent = notice.cookies.consent;
  if (consent === "browserSettings" || (consent === undefined && says(notice.cookies.text, browserSettingsWords)))
    warnings.push({
      code: "cookieConsentByBrowserSettings",
      path: consent === undefined ? "cookies.text" : "cookies.consent",
      reason: {
        fi: "Seloste jättää evästeiden hyväksymisen selaimen asetusten varaan. Muihin kuin välttämättömiin evästeisiin (analytiikka, markkinointi) tarvitaan etukäteen annettu, aktiivinen suostumus; selaimen oletusasetukset eivät ole suostumus.",
        en: "The notice leaves consent to cookies to the browser's settings. Cookies that are not strictly necessary (analytics, marketing) need prior, active consent; a browser's default settings are not consent.",
      },
      guidance: noticeGuidance.edpb052020,
    });

  if (notice.transferSafeguards === undefined && allowsTransfers(notice.transfersOutsideEea))
    warnings.push({
      code: "transfersWithoutSafeguards",
      path: "transfersOutsideEea",
      reason: {
        fi: "Seloste sallii tietojen siirron EU:n tai ETA:n ulkopuolelle, mutta ei nimeä suojatoimia (esimerkiksi komission päätös tietosuojan riittävyydestä tai vakiosopimuslausekkeet). Rekisteröidylle on kerrottava suojatoimet ja miten niistä saa kopion.",
        en: "The notice allows transfers outside the EU or EEA but names no safeguards (such as an adequacy decision or standard contractual clauses). The data subject must be told the safeguards and how to obtain a copy.",
      },
      guidance: noticeGuidance.transfers,
    });

  if (notice.retention.years === null || !says(notice.retention.text, periodWords))
    warnings.push({
      code: "retentionWithoutEnd",
      path: notice.retention.years === null ? "retention.years" : "retention.text",
      reason: {
        fi: "Seloste ei kerro, kuinka kauan tietoja säilytetään, eikä perusteita, joilla aika määräytyy. Tietoja saa säilyttää vain niin kauan kuin käyttötarkoitus vaatii, ja säilytysaika on kerrottava.",
        en: "The notice does not state how long the data is kept, nor the criteria that set the period. Data may be kept only as long as its purpose needs, and the period must be stated.",
      },
      guidance: noticeGuidance.storageLimitation,
    });
  return warnings;
}
