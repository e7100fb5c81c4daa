import { type Locale, type RequestView, requestTypeNames } from "@tietoni/domain";
import { registerDescription } from "../notice/notice.ts";
import type { MailMessage } from "./mailer.ts";

/*
 * Mails about requests, in the customer's language like every mail of the register (templates.ts).
 * They carry no personal data beyond what the recipient already knows, and point to the portal.
 */

const fiDate = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${Number(d)}.${Number(m)}.${y}`;
};

const signature = () => `${registerDescription.controller.name}, ${registerDescription.contactPerson.email}`;

export function requestReceivedMail(to: string, locale: Locale, request: RequestView): MailMessage {
  const type = requestTypeNames[request.type];
  return locale === "fi"
    ? {
        to,
        subject: `Pyyntösi on vastaanotettu: ${type.fi}`,
        text: [
          `Olemme vastaanottaneet pyyntösi (${type.fi.toLowerCase()}) ${fiDate(request.receivedOn)}.`,
          `Vastaamme viimeistään ${fiDate(request.dueOn)}. Voit seurata pyyntöä Omat tiedot -palvelussa.`,
          "",
          signature(),
        ].join("\n"),
      }
    : {
        to,
        subject: `Your request was received: ${type.en}`,
        text: [
          `We received your request (${type.en.toLowerCase()}) on ${request.receivedOn}.`,
          `We will answer by ${request.dueOn} at the latest. You can follow it in the self-service portal.`,
          "",
          signature(),
        ].join("\n"),
      };
}

export function requestCancelledMail(to: string, locale: Locale, request: RequestView): MailMessage {
  const type = requestTypeNames[request.type];
  return locale === "fi"
    ? {
        to,
        subject: `Pyyntösi on peruttu: ${type.fi}`,
        text: [
          `Peruit pyyntösi (${type.fi.toLowerCase()}), joka vastaanotettiin ${fiDate(request.receivedOn)}.`,
          "",
          signature(),
        ].join("\n"),
      }
    : {
        to,
        subject: `Your request was cancelled: ${type.en}`,
        text: [
          `You cancelled your request (${type.en.toLowerCase()}) received on ${request.receivedOn}.`,
          "",
          signature(),
        ].join("\n"),
      };
}
