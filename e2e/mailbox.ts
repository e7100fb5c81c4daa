import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { E2E_MAIL_DIR } from "./e2e-env.ts";

const root = path.resolve(import.meta.dirname, "..");

/** The text of an .eml file's body, undoing the transfer encoding nodemailer chose (quoted-printable or base64). */
function bodyOf(eml: string): string {
  const split = eml.search(/\r?\n\r?\n/);
  const headers = eml.slice(0, split);
  const body = eml.slice(split).trim();
  const encoding = headers.match(/^Content-Transfer-Encoding:\s*(\S+)/im)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body, "base64").toString("utf8");
  if (encoding !== "quoted-printable") return body;
  const bytes = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** The body of the newest mail to `email` written since `after` for which `pick` finds something, as a user reads it. */
async function readNewest(
  email: string,
  after: number,
  pick: (body: string) => string | undefined,
  what: string,
  mailDir: string = E2E_MAIL_DIR,
) {
  const dir = path.join(root, mailDir);
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
        const mine = files
          .map((f) => path.join(dir, f))
          .filter((f) => fs.statSync(f).mtimeMs >= after)
          .map((f) => fs.readFileSync(f, "utf8"))
          .filter((text) => new RegExp(`^To: ${email}$`, "m").test(text));
        const newest = mine.at(-1);
        found = newest === undefined ? undefined : pick(bodyOf(newest));
        return found;
      },
      { message: `${what} mailed to ${email}` },
    )
    .toBeTruthy();
  return found ?? "";
}

/**
 * Reads the newest sign-in code (or e-mail change confirmation code) mailed to `email` from the demo mailbox
 * (.eml files), as a user would: from the body (codes are never in a subject). A sign-in code comes back as the
 * mail shows it, "1234 5678"; the sign-in form takes it so.
 */
export function readSignInCode(email: string, after: number, mailDir: string = E2E_MAIL_DIR): Promise<string> {
  return readNewest(
    email,
    after,
    (body) => body.match(/(?:^|\s)(\d{4} \d{4}|\d{6,8})(?=[.\s]|$)/m)?.[1],
    "a sign-in code",
    mailDir,
  );
}

/** The sign-in link (the whole URL) in the newest sign-in mail to `email`. */
export function readSignInLink(email: string, after: number): Promise<string> {
  return readNewest(email, after, (body) => body.match(/https?:\/\/\S+\/sign-in\/link#\S+/)?.[0], "a sign-in link");
}

/*
 * Issue 11 (E): the re-authentication code and the undo link of an e-mail change are read from the message body
 * (neither is ever in a subject). The body may be quoted-printable, which wraps long lines with a trailing "=".
 */

/** The decoded bodies of the messages to `email` written since `after`, oldest first. */
function bodiesTo(email: string, after: number): string[] {
  const dir = path.join(root, E2E_MAIL_DIR);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
  return files
    .sort()
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).mtimeMs >= after)
    .map((f) => fs.readFileSync(f, "utf8"))
    .filter((text) => new RegExp(`^To: ${email}$`, "m").test(text))
    .map((text) => {
      const split = text.indexOf("\n\n");
      const headers = text.slice(0, split);
      const body = text.slice(split + 2);
      if (/^Content-Transfer-Encoding: base64$/im.test(headers)) return Buffer.from(body, "base64").toString("utf8");
      if (!/^Content-Transfer-Encoding: quoted-printable$/im.test(headers)) return body;
      const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`);
      try {
        return decodeURIComponent(bytes);
      } catch {
        return bytes;
      }
    });
}

async function pollBody(email: string, after: number, pattern: RegExp, what: string): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        found = bodiesTo(email, after)
          .map((body) => body.match(pattern)?.[1])
          .findLast(Boolean);
        return found;
      },
      { message: `${what} mailed to ${email}` },
    )
    .toBeTruthy();
  return found ?? "";
}

/**
 * The newest re-authentication code (asked for before an e-mail change) mailed to `email` since `after`, in either
 * language: the mail goes in the customer's (issue 13).
 */
export function readReauthenticationCode(email: string, after: number): Promise<string> {
  return pollBody(email, after, /(?:Re-authentication code|Vahvistuskoodi): (\d{6})/, "a re-authentication code");
}

/** The whole body of the newest mail to `email` since `after` that matches `pattern` (issue 13: its language). */
export async function readMailMatching(email: string, after: number, pattern: RegExp): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        found = bodiesTo(email, after).findLast((body) => pattern.test(body));
        return found;
      },
      { message: `a mail matching ${pattern} mailed to ${email}` },
    )
    .toBeTruthy();
  return found ?? "";
}

/** The undo link (`…/email-change/undo#id.secret`) in the newest change notice mailed to `email` since `after`. */
export function readEmailChangeUndoLink(email: string, after: number): Promise<string> {
  return pollBody(email, after, /(https?:\/\/\S+\/email-change\/undo#[a-z0-9]+\.[a-z0-9]+)/, "an undo link");
}
