import { type RequestView, registerDescription, requestTypeNames } from "@tietoni/domain";
import type { MailMessage } from "./mailer.ts";

/*
 * Mails about requests, in Finnish and English in one message like every mail of the register.
 * They carry no personal data beyond what the recipient already knows, and point to the portal.
 */

const fiDate = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${Number(d)}.${Number(m)}.${y}`;
};

export function requestReceivedMail(to: string, request: RequestView): MailMessage {
  const type = requestTypeNames[request.type];
  return {
    to,
    subject: `Pyyntösi on vastaanotettu / Your request was received: ${type.en}`,
    text: [
      `Olemme vastaanottaneet pyyntösi (${type.fi.toLowerCase()}) ${fiDate(request.receivedOn)}.`,
      `Vastaamme viimeistään ${fiDate(request.dueOn)}. Voit seurata pyyntöä Omat tiedot -palvelussa.`,
      "",
      `We received your request (${type.en.toLowerCase()}) on ${request.receivedOn}.`,
      `We will answer by ${request.dueOn} at the latest. You can follow it in the self-service portal.`,
      "",
      `${registerDescription.controller.name}, ${registerDescription.contactPerson.email}`,
    ].join("\n"),
  };
}

export function requestCancelledMail(to: string, request: RequestView): MailMessage {
  const type = requestTypeNames[request.type];
  return {
    to,
    subject: `Pyyntösi on peruttu / Your request was cancelled: ${type.en}`,
    text: [
      `Peruit pyyntösi (${type.fi.toLowerCase()}), joka vastaanotettiin ${fiDate(request.receivedOn)}.`,
      "",
      `You cancelled your request (${type.en.toLowerCase()}) received on ${request.receivedOn}.`,
      "",
      `${registerDescription.controller.name}, ${registerDescription.contactPerson.email}`,
    ].join("\n"),
  };
}
