import { correctableFieldNames, type Locale, type RequestView, requestTypeNames } from "@tietoni/domain";
import { registerDescription } from "../notice/notice.ts";
import type { MailMessage } from "./mailer.ts";

/*
 * Mails about staff decisions, in the customer's language like every mail of the register (templates.ts).
 * Reasons are quoted as staff wrote them: the customer is entitled to the written statement itself.
 */

const fiDate = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${Number(d)}.${Number(m)}.${y}`;
};

const signature = () => `${registerDescription.controller.name}, ${registerDescription.contactPerson.email}`;

/** The complaint route (GDPR Art. 77) exactly as the register description gives it. */
function complaintRoute(locale: Locale): string[] {
  const a = registerDescription.supervisoryAuthority;
  return [a.name[locale], a.postalAddress, a.visitingAddress, `${a.phone}, ${a.email}, ${a.web}`];
}

export function requestExtendedMail(to: string, locale: Locale, request: RequestView): MailMessage {
  const type = requestTypeNames[request.type];
  const months = request.extension?.months ?? 0;
  const reasons = request.extension?.reasons ?? "";
  return locale === "fi"
    ? {
        to,
        subject: `Pyyntösi käsittelyaikaa on jatkettu: ${type.fi}`,
        text: [
          `Pyyntösi (${type.fi.toLowerCase()}), joka vastaanotettiin ${fiDate(request.receivedOn)}, käsittelyaikaa on jatkettu ${months} kuukaudella.`,
          `Vastaamme viimeistään ${fiDate(request.dueOn)}. Syy jatkamiseen:`,
          "",
          reasons,
          "",
          signature(),
        ].join("\n"),
      }
    : {
        to,
        subject: `More time is needed for your request: ${type.en}`,
        text: [
          `The time to answer your request (${type.en.toLowerCase()}) received on ${request.receivedOn} has been extended by ${months} month(s).`,
          `We will answer by ${request.dueOn} at the latest. The reasons for the extension:`,
          "",
          reasons,
          "",
          signature(),
        ].join("\n"),
      };
}

/** The written statement of a refusal, with the route to complain to the Data Protection Ombudsman. */
export function requestRefusedMail(to: string, locale: Locale, request: RequestView): MailMessage {
  const type = requestTypeNames[request.type];
  const a = registerDescription.supervisoryAuthority;
  const reasons = request.decision?.reasons ?? "";
  return locale === "fi"
    ? {
        to,
        subject: `Päätös pyyntöösi: evätty (${type.fi.toLowerCase()})`,
        text: [
          `Emme voi toteuttaa pyyntöäsi (${type.fi.toLowerCase()}), joka vastaanotettiin ${fiDate(request.receivedOn)}.`,
          "Kirjallinen selvitys epäämisen syistä:",
          "",
          reasons,
          "",
          "Jos olet eri mieltä ratkaisusta, voit tehdä kantelun tietosuojavaltuutetulle.",
          a.complaintText.fi,
          "",
          ...complaintRoute("fi"),
          "",
          "Selvitys on nähtävissä myös Omat tiedot -palvelussa.",
          "",
          signature(),
        ].join("\n"),
      }
    : {
        to,
        subject: `Decision on your request: refused (${type.en})`,
        text: [
          `We cannot carry out your request (${type.en.toLowerCase()}) received on ${request.receivedOn}.`,
          "Written statement of the reasons for refusal:",
          "",
          reasons,
          "",
          "If you disagree with the decision, you can lodge a complaint with the Data Protection Ombudsman.",
          a.complaintText.en,
          "",
          ...complaintRoute("en"),
          "",
          "The statement is also shown in the self-service portal.",
          "",
          signature(),
        ].join("\n"),
      };
}

/**
 * The approved correction. When it settled contested accuracy, the mail also says the restriction has ended: this
 * is the customer's Art. 18(3) notice (see endRestrictionsByCorrection).
 */
export function correctionApprovedMail(
  to: string,
  locale: Locale,
  request: RequestView,
  opts: { restrictionEnded?: boolean } = {},
): MailMessage {
  const field = request.correction ? correctableFieldNames[request.correction.field] : { fi: "tieto", en: "data" };
  return locale === "fi"
    ? {
        to,
        subject: `Tietosi on korjattu: ${field.fi}`,
        text: [
          `Korjauspyyntösi, joka vastaanotettiin ${fiDate(request.receivedOn)}, on hyväksytty. Tieto ”${field.fi}” on korjattu pyytämäksesi.`,
          "Kerromme korjauksesta myös niille, joilta tieto saatiin tai joille se on luovutettu.",
          ...(opts.restrictionEnded
            ? [
                "Koska kiistit tietojesi paikkansapitävyyden, niiden käsittelyä oli rajoitettu. Kiistetty tieto on nyt korjattu, joten rajoitus on päättynyt ja tietojasi käsitellään taas tavalliseen tapaan.",
              ]
            : []),
          "",
          signature(),
        ].join("\n"),
      }
    : {
        to,
        subject: `Your data was corrected: ${field.en}`,
        text: [
          `Your correction request received on ${request.receivedOn} was approved. The field “${field.en}” now reads as you asked.`,
          "We also tell the correction to those the data came from or was disclosed to.",
          ...(opts.restrictionEnded
            ? [
                "Processing of your data was restricted because you contested its accuracy. The contested data has now been corrected, so the restriction has ended and your data is processed as usual again.",
              ]
            : []),
          "",
          signature(),
        ].join("\n"),
      };
}

export function requestCompletedMail(to: string, locale: Locale, request: RequestView): MailMessage {
  const type = requestTypeNames[request.type];
  const note = request.decision?.reasons ?? "";
  return locale === "fi"
    ? {
        to,
        subject: `Pyyntösi on käsitelty: ${type.fi}`,
        text: [
          `Pyyntösi (${type.fi.toLowerCase()}), joka vastaanotettiin ${fiDate(request.receivedOn)}, on käsitelty.`,
          ...(note ? ["", note] : []),
          "",
          "Näet ratkaisun Omat tiedot -palvelussa.",
          "",
          signature(),
        ].join("\n"),
      }
    : {
        to,
        subject: `Your request was completed: ${type.en}`,
        text: [
          `Your request (${type.en.toLowerCase()}) received on ${request.receivedOn} has been completed.`,
          ...(note ? ["", note] : []),
          "",
          "You can see the decision in the self-service portal.",
          "",
          signature(),
        ].join("\n"),
      };
}
