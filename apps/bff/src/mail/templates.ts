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
