import { type Locale, locales, type RequestView } from "@tietoni/domain";
import { describe, expect, it } from "vitest";
import {
  correctionApprovedMail,
  requestCompletedMail,
  requestExtendedMail,
  requestRefusedMail,
} from "./decision-templates.ts";
import type { MailMessage } from "./mailer.ts";
import { erasureCompletedMail, restrictionAppliedMail, restrictionLiftNoticeMail } from "./operation-templates.ts";
import { accessExportMail, emailCorrectedByStaffMail } from "./record-keeping-templates.ts";
import { requestCancelledMail, requestReceivedMail } from "./request-templates.ts";
import { emailChangeCodeMail, emailChangedUndoMail, reauthenticationCodeMail, signInCodeMail } from "./templates.ts";

/*
 * Issue 11, item 15: a phone shows a mail's subject on its locked screen, so no code or secret may be in one. Every
 * template that carries a code or a link is here, each given a code and a secret that cannot be mistaken for text.
 */
const code = "73915468";
const secret = "Zq7secretXk9";
const codeMails = (locale: Locale) => ({
  "sign-in": signInCodeMail("a@example.com", locale, code, `https://portal.example/sign-in/link#id.${secret}`),
  "e-mail change": emailChangeCodeMail("a@example.com", locale, code.slice(0, 6)),
  "re-authentication": reauthenticationCodeMail("a@example.com", locale, code.slice(0, 6)),
  "undo link": emailChangedUndoMail(
    "old@example.com",
    locale,
    "new@example.com",
    `https://portal.example/email-change/undo#id.${secret}`,
    Date.UTC(2026, 11, 9),
  ),
});

describe("mails that carry a code or a link", () => {
  for (const locale of locales) {
    for (const [name, mail] of Object.entries(codeMails(locale))) {
      it(`${name} (${locale}): keeps the code and the secret out of the subject and puts them in the body`, () => {
        expect(mail.subject).not.toMatch(/\d{4}/);
        expect(mail.subject).not.toContain(secret);
        const body = mail.text.replace(/\s/g, "");
        expect(body.includes(code.slice(0, 6)) || body.includes(secret)).toBe(true);
      });
    }
  }
});

/*
 * Issue 13: every mail goes in ONE language, the customer's. Each template is rendered in both; a Finnish mail has
 * none of the English words every English sentence of ours has, and an English mail none of the Finnish letters.
 */
const request: RequestView = {
  id: "r1",
  type: "rectification",
  state: "completed",
  channel: "portal",
  receivedOn: "2026-11-02",
  dueOn: "2026-12-02",
  extension: { months: 2, reasons: "R-1", at: "2026-11-20T10:00:00.000Z" },
  text: "",
  correction: { field: "phone", currentValue: null, newValue: "+358 40 123 4567", reason: "R-2" },
  restrictionGround: "accuracyContested",
  decision: { outcome: "refused", reasons: "R-3", decidedAt: "2026-11-25T10:00:00.000Z" },
  history: [],
  createdAt: "2026-11-02T10:00:00.000Z",
};
const attachment = { filename: "data.html", content: Buffer.from("<p>x</p>"), contentType: "text/html" };

const allMails = (locale: Locale): Record<string, MailMessage> => ({
  ...codeMails(locale),
  "request received": requestReceivedMail("a@example.com", locale, request),
  "request cancelled": requestCancelledMail("a@example.com", locale, request),
  "request extended": requestExtendedMail("a@example.com", locale, request),
  "request refused": requestRefusedMail("a@example.com", locale, request),
  "correction approved": correctionApprovedMail("a@example.com", locale, request, { restrictionEnded: true }),
  "request completed": requestCompletedMail("a@example.com", locale, request),
  "erasure completed": erasureCompletedMail("a@example.com", locale, [
    { what: "bookkeeping", until: "2036-12-31" },
    { what: "suppression", until: null },
  ]),
  "restriction applied": restrictionAppliedMail("a@example.com", locale, "accuracyContested"),
  "restriction lift notice": restrictionLiftNoticeMail("a@example.com", locale),
  "e-mail corrected (old)": emailCorrectedByStaffMail("a@example.com", locale, "old", "n***@example.com"),
  "e-mail corrected (new)": emailCorrectedByStaffMail("a@example.com", locale, "new", null),
  "access export": accessExportMail("a@example.com", locale, attachment),
});

const english = /\b(the|your|you|we|is|was)\b/i;
const finnish = /[äöå]/i;

describe("every mail in one language (issue 13)", () => {
  for (const [name, mail] of Object.entries(allMails("fi"))) {
    it(`${name}: the Finnish mail has no English in its subject or body`, () => {
      expect(mail.subject).not.toMatch(english);
      expect(mail.subject).not.toContain(" / ");
      expect(mail.text).not.toMatch(english);
    });
  }
  for (const [name, mail] of Object.entries(allMails("en"))) {
    it(`${name}: the English mail has no Finnish in its subject or body`, () => {
      expect(mail.subject).not.toMatch(finnish);
      expect(mail.subject).not.toContain(" / ");
      expect(mail.text).not.toMatch(finnish);
    });
  }

  it("keeps the staff's own words in both: the written statement of a refusal is quoted as it was written", () => {
    for (const locale of locales) expect(requestRefusedMail("a@example.com", locale, request).text).toContain("R-3");
  });
});
