import type { Locale } from "@tietoni/domain";
import { registerDescription } from "../notice/notice.ts";
import type { MailAttachment, MailMessage } from "./mailer.ts";

/*
 * Issue 12 (E1): the notices of what staff recorded. In the customer's language, like every other mail (templates.ts).
 */

/**
 * Staff corrected the customer's e-mail address: sent to BOTH the old and the new address. Unlike the customer's
 * own change (emailChangedUndoMail) there is no undo link: the old address is often the wrong one being corrected
 * (a typo, someone else's mailbox), and a link there would let its holder take the account back. Whoever did not ask
 * for the change is told to call customer service instead. `otherMasked` is the other address, masked.
 */
export function emailCorrectedByStaffMail(
  to: string,
  locale: Locale,
  which: "old" | "new",
  otherMasked: string | null,
): MailMessage {
  const { name: controller, email, phone } = registerDescription.controller;
  if (locale === "fi") {
    return {
      to,
      subject: "Sähköpostiosoitteesi korjattiin",
      text: [
        which === "old"
          ? `Asiakaspalvelu korjasi sähköpostiosoitteesi asiakasrekisterissä (${controller})${otherMasked ? ` osoitteeseen ${otherMasked}` : ""}. Tähän osoitteeseen ei enää lähetetä viestejä eikä kirjautumiskoodeja, ja kaikki istunnot kirjattiin ulos.`
          : `Asiakaspalvelu kirjasi tämän osoitteen sähköpostiosoitteeksesi asiakasrekisterissä (${controller}). Voit kirjautua omatietopalveluun tällä osoitteella.`,
        `Jos et pyytänyt muutosta, ota yhteyttä asiakaspalveluun: ${email}, ${phone}.`,
      ].join("\n"),
    };
  }
  return {
    to,
    subject: "Your e-mail address was corrected",
    text: [
      which === "old"
        ? `Customer service corrected your e-mail address in ${controller}'s customer register${otherMasked ? ` to ${otherMasked}` : ""}. Messages and sign-in codes will no longer be sent to this address, and every session was signed out.`
        : `Customer service recorded this address as your e-mail address in ${controller}'s customer register. You can sign in to the self-service with it.`,
      `If you did not ask for this change, contact customer service: ${email}, ${phone}.`,
    ].join("\n"),
  };
}

/** The customer's data (Art. 15) asked for by letter or e-mail, sent to the e-mail address on record. */
export function accessExportMail(to: string, locale: Locale, attachment: MailAttachment): MailMessage {
  const { name: controller, email, phone } = registerDescription.controller;
  return locale === "fi"
    ? {
        to,
        subject: "Tietosi asiakasrekisteristä",
        text: [
          `Pyysit tietojasi asiakasrekisteristä (${controller}). Ne ovat liitteenä (${attachment.filename}); tiedoston voi avata selaimella.`,
          `Tiedot lähetetään vain rekisterissä olevaan osoitteeseen. Jos et pyytänyt tietojasi, ota yhteyttä asiakaspalveluun: ${email}, ${phone}.`,
        ].join("\n"),
        attachments: [attachment],
      }
    : {
        to,
        subject: "Your data in the customer register",
        text: [
          `You asked for your data in ${controller}'s customer register. It is attached (${attachment.filename}); the file opens in a web browser.`,
          `The data is sent only to the address in the register. If you did not ask for your data, contact customer service: ${email}, ${phone}.`,
        ].join("\n"),
        attachments: [attachment],
      };
}
