import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { E2E_MAIL_DIR } from "./e2e-env.ts";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Reads the newest sign-in code (or e-mail change confirmation code) mailed to `email` from the demo mailbox
 * (.eml files), as a user would.
 */
export async function readSignInCode(email: string, after: number): Promise<string> {
  const dir = path.join(root, E2E_MAIL_DIR);
  let code: string | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
        const mine = files
          .map((f) => path.join(dir, f))
          .filter((f) => fs.statSync(f).mtimeMs >= after)
          .map((f) => fs.readFileSync(f, "utf8"))
          .filter((text) => new RegExp(`^To: ${email}$`, "m").test(text));
        code = mine.at(-1)?.match(/(?:Sign-in|Confirmation) code: (\d{6})/)?.[1];
        return code;
      },
      { message: `a sign-in code mailed to ${email}` },
    )
    .toBeTruthy();
  return code ?? "";
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

/** The newest re-authentication code (asked for before an e-mail change) mailed to `email` since `after`. */
export function readReauthenticationCode(email: string, after: number): Promise<string> {
  return pollBody(email, after, /Re-authentication code: (\d{6})/, "a re-authentication code");
}

/** The undo link (`…/email-change/undo#id.secret`) in the newest change notice mailed to `email` since `after`. */
export function readEmailChangeUndoLink(email: string, after: number): Promise<string> {
  return pollBody(email, after, /(https?:\/\/\S+\/email-change\/undo#[a-z0-9]+\.[a-z0-9]+)/, "an undo link");
}
