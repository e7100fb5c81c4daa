import { type RequestType, requestTypeNames } from "@tietoni/domain";
import { registerDescription } from "../notice/notice.ts";
import type { MailMessage } from "./mailer.ts";

/*
 * The daily digest to staff (issue 13): which requests are overdue or due within a week. In Finnish and English in
 * one message, like every mail of the register. It names requests by id, type and deadline only — never the
 * customer's name or address — since it goes to a shared mailbox and sits in mail servers the register does not
 * control; the link opens the request in the staff app, behind its sign-in.
 */

export type DigestEntry = { id: string; type: RequestType; dueOn: string; daysLeft: number };

export type DigestContent = {
  /** The Helsinki day the digest is for (YYYY-MM-DD). */
  day: string;
  overdue: DigestEntry[];
  dueSoon: DigestEntry[];
  /** How many days ahead "due soon" looks. */
  windowDays: number;
};

const fiDate = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${Number(d)}.${Number(m)}.${y}`;
};

const fiDays = (n: number) => (Math.abs(n) === 1 ? "päivä" : "päivää");
const enDays = (n: number) => (Math.abs(n) === 1 ? "day" : "days");

function fiLine(e: DigestEntry, link: string): string {
  const when =
    e.daysLeft < 0
      ? `myöhässä ${-e.daysLeft} ${fiDays(e.daysLeft)}`
      : e.daysLeft === 0
        ? "erääntyy tänään"
        : `${e.daysLeft} ${fiDays(e.daysLeft)} jäljellä`;
  return `- ${e.id} · ${requestTypeNames[e.type].fi} · määräaika ${fiDate(e.dueOn)} (${when}) · ${link}`;
}

function enLine(e: DigestEntry, link: string): string {
  const when =
    e.daysLeft < 0
      ? `${-e.daysLeft} ${enDays(e.daysLeft)} overdue`
      : e.daysLeft === 0
        ? "due today"
        : `${e.daysLeft} ${enDays(e.daysLeft)} left`;
  return `- ${e.id} · ${requestTypeNames[e.type].en} · due ${e.dueOn} (${when}) · ${link}`;
}

export function staffDigestMail(to: string, content: DigestContent, staffOrigin: string): MailMessage {
  const { day, overdue, dueSoon, windowDays } = content;
  const link = (id: string) => `${staffOrigin}/requests/${encodeURIComponent(id)}`;
  const fiList = (entries: DigestEntry[]) =>
    entries.length ? entries.map((e) => fiLine(e, link(e.id))) : ["- ei yhtään"];
  const enList = (entries: DigestEntry[]) => (entries.length ? entries.map((e) => enLine(e, link(e.id))) : ["- none"]);
  return {
    to,
    subject: `Pyyntöjen määräajat ${fiDate(day)}: ${overdue.length} myöhässä, ${dueSoon.length} erääntyy / Request deadlines ${day}: ${overdue.length} overdue, ${dueSoon.length} due soon`,
    text: [
      `Päivittäinen kooste ${fiDate(day)}.`,
      `Myöhässä: ${overdue.length}. Erääntyy ${windowDays} päivän kuluessa: ${dueSoon.length}.`,
      "",
      "Myöhässä:",
      ...fiList(overdue),
      "",
      `Erääntyy ${windowDays} päivän kuluessa:`,
      ...fiList(dueSoon),
      "",
      "---",
      "",
      `Daily digest for ${day}.`,
      `Overdue: ${overdue.length}. Due within ${windowDays} days: ${dueSoon.length}.`,
      "",
      "Overdue:",
      ...enList(overdue),
      "",
      `Due within ${windowDays} days:`,
      ...enList(dueSoon),
      "",
      `${registerDescription.controller.name} · tietoni`,
    ].join("\n"),
  };
}
