import {
  categoryName,
  type DataCategoryId,
  type ErasureScope,
  erasureGroundTexts,
  type KeptData,
  keptDataTexts,
  keptGroundName,
  type Locale,
  type RestrictionGround,
  restrictionGroundNames,
} from "@tietoni/domain";
import { registerDescription } from "../notice/notice.ts";
import type { MailMessage } from "./mailer.ts";

/*
 * Mails about erasure and restriction, in the customer's language like every mail of the register (templates.ts).
 * They hold nothing the recipient does not already know.
 */

const signature = () => {
  const { name, email, phone } = registerDescription.controller;
  return `${name}, ${email}, ${phone}`;
};

const localDate = (iso: string, locale: Locale) => {
  const [y, m, d] = iso.split("-").map(Number);
  return locale === "fi" ? `${d}.${m}.${y}` : iso;
};

/**
 * Issue 14 A: the written answer to an erasure carried out to the extent the law allows — what was erased, what was
 * kept on which ground and until when, and the complaint route (GDPR Art. 77) from the register description. Sent
 * to the address read before the erasure (it may be among the erased).
 */
export function partialErasureMail(to: string, locale: Locale, scope: ErasureScope): MailMessage {
  const category = (c: DataCategoryId) => categoryName(registerDescription, c)[locale];
  const kept = scope.kept.map((k) => {
    const until =
      k.until === null
        ? locale === "fi"
          ? "kunnes peruste päättyy"
          : "until the ground ends"
        : locale === "fi"
          ? `${localDate(k.until, locale)} asti`
          : `until ${k.until}`;
    return `- ${keptGroundName(k)[locale]}: ${k.categories.map(category).join(", ")} (${until}). ${erasureGroundTexts[k.ground].rule[locale]}`;
  });
  const erased = scope.erased.map((c) => `- ${category(c)}`);
  const a = registerDescription.supervisoryAuthority;
  const complaint = [a.name[locale], a.postalAddress, `${a.phone}, ${a.email}, ${a.web}`, a.complaintText[locale]];
  return locale === "fi"
    ? {
        to,
        subject: "Tietosi on poistettu siltä osin kuin laki sallii",
        text: [
          "Poistopyyntösi on toteutettu siltä osin kuin laki sallii. Poistimme:",
          ...erased,
          "- kirjautumishistoriasi, istuntosi ja markkinointiin liittyvät tietosi (emme enää markkinoi sinulle)",
          "",
          "Säilytämme seuraavat tiedot, perusteen ja ajan mukaan:",
          ...kept,
          "",
          "Kun viimeinen peruste päättyy, poistamme loputkin tiedot ilman uutta pyyntöä.",
          "Jos olet eri mieltä, voit tehdä kantelun valvontaviranomaiselle:",
          ...complaint,
          "",
          signature(),
        ].join("\n"),
      }
    : {
        to,
        subject: "Your data has been erased to the extent the law allows",
        text: [
          "Your erasure request has been carried out to the extent the law allows. We erased:",
          ...erased,
          "- your sign-in history, sessions and marketing data (we no longer market to you)",
          "",
          "We keep the following, by ground and until when:",
          ...kept,
          "",
          "When the last ground ends, we erase the rest without a new request.",
          "If you disagree, you can lodge a complaint with the supervisory authority:",
          ...complaint,
          "",
          signature(),
        ].join("\n"),
      };
}

/**
 * Sent to the address read before it was cleared: the last message the register sends the customer. `locale` is
 * the customer's language read before the erasure, too.
 */
export function erasureCompletedMail(to: string, locale: Locale, kept: readonly KeptData[]): MailMessage {
  const keptList = kept.map((k) => `- ${keptDataTexts[k.what].what[locale]}`);
  return locale === "fi"
    ? {
        to,
        subject: "Tietosi on poistettu",
        text: [
          "Poistopyyntösi on toteutettu: nimesi, yhteystietosi, organisaatiotietosi, IP-osoitteesi, laskutustietosi ja kirjautumishistoriasi on poistettu asiakasrekisteristä. Et voi enää kirjautua Omat tiedot -palveluun, eikä tähän osoitteeseen lähetetä enää viestejä.",
          "Säilytämme ilman henkilötietojasi:",
          ...keptList,
          "",
          signature(),
        ].join("\n"),
      }
    : {
        to,
        subject: "Your data has been erased",
        text: [
          "Your erasure request has been carried out: your name, contact details, organisation details, IP addresses, billing details and sign-in history have been removed from the customer register. You can no longer sign in to the self-service portal, and no more messages will be sent to this address.",
          "We keep, without your personal data:",
          ...keptList,
          "",
          signature(),
        ].join("\n"),
      };
}

export function restrictionAppliedMail(to: string, locale: Locale, ground: RestrictionGround): MailMessage {
  const name = restrictionGroundNames[ground];
  return locale === "fi"
    ? {
        to,
        subject: "Tietojesi käsittelyä on rajoitettu",
        text: [
          `Olemme rajoittaneet tietojesi käsittelyä pyyntösi mukaisesti (peruste: ${name.fi.toLowerCase()}).`,
          "Rajoituksen aikana tietojasi säilytetään, mutta niitä ei käytetä markkinointiin eikä luetteloihin, eikä niitä muuteta muuten kuin pyyntösi ratkaisemiseksi. Kerromme sinulle ennen kuin rajoitus poistetaan.",
          "",
          signature(),
        ].join("\n"),
      }
    : {
        to,
        subject: "Processing of your data is restricted",
        text: [
          `We have restricted the processing of your data as you asked (ground: ${name.en.toLowerCase()}).`,
          "While it is restricted your data is stored but not used for marketing or lists, and not changed except to resolve your request. We will tell you before the restriction is lifted.",
          "",
          signature(),
        ].join("\n"),
      };
}

/** GDPR Art. 18(3): the customer is told before the restriction is lifted. */
export function restrictionLiftNoticeMail(to: string, locale: Locale): MailMessage {
  const { name: authority, web } = registerDescription.supervisoryAuthority;
  const { email, phone } = registerDescription.controller;
  return locale === "fi"
    ? {
        to,
        subject: "Käsittelyn rajoitus poistetaan",
        text: [
          "Tietojesi käsittelyn rajoitus poistetaan, koska rajoituksen peruste on ratkaistu. Sen jälkeen tietojasi käsitellään taas tietosuojaselosteen mukaisesti.",
          `Jos sinulla on kysyttävää, ota yhteyttä: ${email}, ${phone}. Voit myös tehdä valituksen valvontaviranomaiselle (${authority.fi}, ${web}).`,
          "",
          signature(),
        ].join("\n"),
      }
    : {
        to,
        subject: "The restriction of processing will be lifted",
        text: [
          "The restriction of processing of your data will be lifted because its ground has been resolved. After that your data is processed again as the privacy notice describes.",
          `If you have questions, contact us: ${email}, ${phone}. You may also lodge a complaint with the supervisory authority (${authority.en}, ${web}).`,
          "",
          signature(),
        ].join("\n"),
      };
}
