import { registerDescription, signInCodePolicy } from "@tietoni/domain";
import type { MailMessage } from "./mailer.ts";

/*
 * Mails go out in Finnish and English in one message: the register serves customers in both
 * languages and the customer has not chosen one before signing in.
 */

export function signInCodeMail(to: string, code: string): MailMessage {
  const minutes = signInCodePolicy.validForMs / 60_000;
  const controller = registerDescription.controller.name;
  return {
    to,
    subject: `Kirjautumiskoodi / Sign-in code: ${code}`,
    text: [
      `Kirjautumiskoodisi omatietopalveluun (${controller}, asiakasrekisteri) on ${code}.`,
      `Koodi on voimassa ${minutes} minuuttia ja toimii kerran. Jos et pyytänyt koodia, voit jättää tämän viestin huomiotta.`,
      "",
      `Your sign-in code for ${controller}'s customer register self-service is ${code}.`,
      `The code is valid for ${minutes} minutes and works once. If you did not ask for it, you can ignore this message.`,
    ].join("\n"),
  };
}

/** The code that proves the customer holds the new address; the change waits for it. */
export function emailChangeCodeMail(to: string, code: string): MailMessage {
  const minutes = signInCodePolicy.validForMs / 60_000;
  const controller = registerDescription.controller.name;
  return {
    to,
    subject: `Vahvistuskoodi / Confirmation code: ${code}`,
    text: [
      `Vahvistuskoodisi sähköpostiosoitteen vaihtoon omatietopalvelussa (${controller}, asiakasrekisteri) on ${code}.`,
      `Koodi on voimassa ${minutes} minuuttia ja toimii kerran. Osoite vaihtuu vasta, kun koodi syötetään palveluun. Jos et pyytänyt vaihtoa, voit jättää tämän viestin huomiotta.`,
      "",
      `Your confirmation code for changing your e-mail address in ${controller}'s customer register self-service is ${code}.`,
      `The code is valid for ${minutes} minutes and works once. The address changes only when the code is entered. If you did not ask for this, you can ignore this message.`,
    ].join("\n"),
  };
}

/** Tells the old address of a completed change, so a change the customer did not make does not go unnoticed. */
export function emailChangedNoticeMail(oldAddress: string, newAddressMasked: string): MailMessage {
  const { name: controller, email, phone } = registerDescription.controller;
  return {
    to: oldAddress,
    subject: "Sähköpostiosoitteesi vaihdettiin / Your e-mail address was changed",
    text: [
      `Sähköpostiosoitteesi asiakasrekisterissä (${controller}) vaihdettiin osoitteeseen ${newAddressMasked}. Tähän osoitteeseen ei enää lähetetä viestejä eikä kirjautumiskoodeja.`,
      `Jos et tehnyt muutosta itse, ota heti yhteyttä asiakaspalveluun: ${email}, ${phone}.`,
      "",
      `Your e-mail address in ${controller}'s customer register was changed to ${newAddressMasked}. Messages and sign-in codes will no longer be sent to this address.`,
      `If you did not make this change yourself, contact customer service at once: ${email}, ${phone}.`,
    ].join("\n"),
  };
}
