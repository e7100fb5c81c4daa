import {
  type KeptData,
  keptDataTexts,
  type Locale,
  type RestrictionGround,
  registerDescription,
  restrictionGroundNames,
} from "@tietoni/domain";
import type { MailMessage } from "./mailer.ts";

/*
 * Mails about erasure and restriction, in the customer's language like every mail of the register (templates.ts).
 * They hold nothing the recipient does not already know.
 */

const signature = () => {
  const { name, email, phone } = registerDescription.controller;
  return `${name}, ${email}, ${phone}`;
};

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
