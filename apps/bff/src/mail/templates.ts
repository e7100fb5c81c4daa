import {
  customerSignInCodePolicy,
  groupSignInCode,
  helsinkiDate,
  type Locale,
  signInCodePolicy,
} from "@tietoni/domain";
import { registerDescription } from "../notice/notice.ts";
import type { MailMessage } from "./mailer.ts";

/*
 * Every mail goes in ONE language, the customer's (issue 13, domain mailLanguage): `customers.language`, set at
 * sign-in from the portal's language, by an import or the API, or by staff; else the register's default. A code
 * mailed to an address goes in the language the portal sent with the request.
 *
 * A code is never in a subject: phones show subjects on a locked screen (issue 11). Subjects say what the mail is for.
 */

/**
 * The sign-in code and the sign-in link (`linkUrl`, the portal's link page with the secret after `#`). The link
 * works even when the address has used up its attempts, which is what the portal's "too many attempts" says.
 */
export function signInCodeMail(to: string, locale: Locale, code: string, linkUrl: string): MailMessage {
  const minutes = customerSignInCodePolicy.validForMs / 60_000;
  const controller = registerDescription.controller.name;
  const grouped = groupSignInCode(code);
  return locale === "fi"
    ? {
        to,
        subject: `Kirjautuminen omatietopalveluun (${controller})`,
        text: [
          `Kirjautumiskoodisi omatietopalveluun (${controller}, asiakasrekisteri) on ${grouped}.`,
          "Voit myös kirjautua tällä linkillä – se toimii, vaikka palvelu kertoisi liian monesta yrityksestä:",
          linkUrl,
          `Koodi ja linkki ovat voimassa ${minutes} minuuttia ja toimivat kerran. Jos et pyytänyt koodia, voit jättää tämän viestin huomiotta.`,
        ].join("\n"),
      }
    : {
        to,
        subject: `Signing in to the self-service (${controller})`,
        text: [
          `Your sign-in code for ${controller}'s customer register self-service is ${grouped}.`,
          "You can also sign in with this link – it works even when the service says there were too many attempts:",
          linkUrl,
          `The code and the link are valid for ${minutes} minutes and work once. If you did not ask for them, you can ignore this message.`,
        ].join("\n"),
      };
}

/** The code that proves the customer holds the new address; the change waits for it. */
export function emailChangeCodeMail(to: string, locale: Locale, code: string): MailMessage {
  const minutes = signInCodePolicy.validForMs / 60_000;
  const controller = registerDescription.controller.name;
  return locale === "fi"
    ? {
        to,
        subject: "Sähköpostiosoitteen vaihto",
        text: [
          `Vahvistuskoodisi sähköpostiosoitteen vaihtoon omatietopalvelussa (${controller}, asiakasrekisteri) on ${code}.`,
          `Koodi on voimassa ${minutes} minuuttia ja toimii kerran. Osoite vaihtuu vasta, kun koodi syötetään palveluun. Jos et pyytänyt vaihtoa, voit jättää tämän viestin huomiotta.`,
        ].join("\n"),
      }
    : {
        to,
        subject: "Changing your e-mail address",
        text: [
          `Your confirmation code for changing your e-mail address in ${controller}'s customer register self-service is ${code}.`,
          `The code is valid for ${minutes} minutes and works once. The address changes only when the code is entered. If you did not ask for this, you can ignore this message.`,
        ].join("\n"),
      };
}

/*
 * Issue 11 (E): re-authentication before an e-mail change, and the change notice with its undo link. The code is
 * in the body only: a subject shows on a lock screen.
 */

/** The code that re-confirms a session before the e-mail address may change; mailed to the current address. */
export function reauthenticationCodeMail(to: string, locale: Locale, code: string): MailMessage {
  const minutes = signInCodePolicy.validForMs / 60_000;
  const controller = registerDescription.controller.name;
  return locale === "fi"
    ? {
        to,
        subject: "Vahvista, että olet sinä",
        text: [
          `Joku – toivottavasti sinä – aloitti sähköpostiosoitteen vaihdon omatietopalvelussa (${controller}, asiakasrekisteri). Vahvista ensin, että olet sinä.`,
          `Vahvistuskoodi: ${code}`,
          `Koodi on voimassa ${minutes} minuuttia ja toimii vain siinä selaimessa, jossa se pyydettiin. Jos et pyytänyt koodia, älä kerro sitä kenellekään, ja kirjaudu ulos muista istunnoista omatietopalvelun Kirjautumiset-sivulla.`,
        ].join("\n"),
      }
    : {
        to,
        subject: "Confirm that it is you",
        text: [
          `Someone – hopefully you – started changing the e-mail address in ${controller}'s customer register self-service. First confirm that it is you.`,
          `Re-authentication code: ${code}`,
          `The code is valid for ${minutes} minutes and works only in the browser that asked for it. If you did not ask for it, do not tell it to anyone, and sign out your other sessions on the self-service's Sign-ins page.`,
        ].join("\n"),
      };
}

/**
 * Tells the old address of a completed change, with the link that puts it back for 7 days. The link's secret is in
 * the fragment (`#…`), which browsers never send to a server: it does not end up in access logs, and opening it
 * changes nothing until the page's button is pressed (a mail scanner that follows links undoes nothing).
 */
export function emailChangedUndoMail(
  oldAddress: string,
  locale: Locale,
  newAddressMasked: string,
  undoUrl: string,
  expiresAt: number,
): MailMessage {
  const { name: controller, email, phone } = registerDescription.controller;
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Helsinki",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(expiresAt);
  const validUntil = `${helsinkiDate(expiresAt)} ${time}`;
  return locale === "fi"
    ? {
        to: oldAddress,
        subject: "Sähköpostiosoitteesi vaihdettiin",
        text: [
          `Sähköpostiosoitteesi asiakasrekisterissä (${controller}) vaihdettiin osoitteeseen ${newAddressMasked}. Tähän osoitteeseen ei enää lähetetä viestejä eikä kirjautumiskoodeja.`,
          `Jos et tehnyt muutosta itse, peru se tällä linkillä ${validUntil} (Suomen aikaa) asti. Linkki palauttaa tämän osoitteen ja kirjaa kaikki istunnot ulos:`,
          undoUrl,
          `Voit myös ottaa yhteyttä asiakaspalveluun: ${email}, ${phone}.`,
        ].join("\n"),
      }
    : {
        to: oldAddress,
        subject: "Your e-mail address was changed",
        text: [
          `Your e-mail address in ${controller}'s customer register was changed to ${newAddressMasked}. Messages and sign-in codes will no longer be sent to this address.`,
          `If you did not make this change yourself, undo it with this link until ${validUntil} (Finnish time). The link puts this address back and signs out every session:`,
          undoUrl,
          `You can also contact customer service: ${email}, ${phone}.`,
        ].join("\n"),
      };
}
