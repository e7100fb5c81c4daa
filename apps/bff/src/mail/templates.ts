import { customerSignInCodePolicy, groupSignInCode, registerDescription, signInCodePolicy } from "@tietoni/domain";
import type { MailMessage } from "./mailer.ts";

/*
 * Mails go out in Finnish and English in one message: the register serves customers in both
 * languages and the customer has not chosen one before signing in.
 *
 * A code is never in a subject: phones show subjects on a locked screen (issue 11). Subjects say what the mail is for.
 */

/**
 * The sign-in code and the sign-in link (`linkUrl`, the portal's link page with the secret after `#`). The link
 * works even when the address has used up its attempts, which is what the portal's "too many attempts" says.
 */
export function signInCodeMail(to: string, code: string, linkUrl: string): MailMessage {
  const minutes = customerSignInCodePolicy.validForMs / 60_000;
  const controller = registerDescription.controller.name;
  const grouped = groupSignInCode(code);
  return {
    to,
    subject: `Kirjautuminen omatietopalveluun / Signing in to the self-service (${controller})`,
    text: [
      `Kirjautumiskoodisi omatietopalveluun (${controller}, asiakasrekisteri) on ${grouped}.`,
      "Voit myös kirjautua tällä linkillä – se toimii, vaikka palvelu kertoisi liian monesta yrityksestä:",
      linkUrl,
      `Koodi ja linkki ovat voimassa ${minutes} minuuttia ja toimivat kerran. Jos et pyytänyt koodia, voit jättää tämän viestin huomiotta.`,
      "",
      `Your sign-in code for ${controller}'s customer register self-service is ${grouped}.`,
      "You can also sign in with this link – it works even when the service says there were too many attempts:",
      linkUrl,
      `The code and the link are valid for ${minutes} minutes and work once. If you did not ask for them, you can ignore this message.`,
    ].join("\n"),
  };
}

/** The code that proves the customer holds the new address; the change waits for it. */
export function emailChangeCodeMail(to: string, code: string): MailMessage {
  const minutes = signInCodePolicy.validForMs / 60_000;
  const controller = registerDescription.controller.name;
  return {
    to,
    subject: "Sähköpostiosoitteen vaihto / Changing your e-mail address",
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
