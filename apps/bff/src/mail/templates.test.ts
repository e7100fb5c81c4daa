import { describe, expect, it } from "vitest";
import { emailChangeCodeMail, emailChangedUndoMail, reauthenticationCodeMail, signInCodeMail } from "./templates.ts";

/*
 * Issue 11, item 15: a phone shows a mail's subject on its locked screen, so no code or secret may be in one. Every
 * template that carries a code or a link is here, each given a code and a secret that cannot be mistaken for text.
 */
const code = "73915468";
const secret = "Zq7secretXk9";
const mails = {
  "sign-in": signInCodeMail("a@example.com", code, `https://portal.example/sign-in/link#id.${secret}`),
  "e-mail change": emailChangeCodeMail("a@example.com", code.slice(0, 6)),
  "re-authentication": reauthenticationCodeMail("a@example.com", code.slice(0, 6)),
  "undo link": emailChangedUndoMail(
    "old@example.com",
    "new@example.com",
    `https://portal.example/email-change/undo#id.${secret}`,
    Date.UTC(2026, 11, 9),
  ),
};

describe("mails that carry a code or a link", () => {
  for (const [name, mail] of Object.entries(mails)) {
    it(`${name}: keeps the code and the secret out of the subject and puts them in the body`, () => {
      expect(mail.subject).not.toMatch(/\d{4}/);
      expect(mail.subject).not.toContain(secret);
      const body = mail.text.replace(/\s/g, "");
      expect(body.includes(code.slice(0, 6)) || body.includes(secret)).toBe(true);
    });
  }
});
