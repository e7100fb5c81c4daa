import fs from "node:fs";
import { type Locale, mailLanguage, parseRegisterDescription, type RegisterDescription } from "@tietoni/domain";

/**
 * The privacy notice this process serves (issue 15): read from NOTICE_FILE and validated by the domain's schema at
 * start (createDeps), then the same for the life of the process. A live binding rather than a dependency threaded
 * through every mail template and export writer: the notice is configuration, like the environment, and one
 * process serves one controller. Tests load another file with `useNoticeFile`.
 */
export let registerDescription: RegisterDescription;

/** The file could not be read or is not a valid notice: every wrong field with its path, for the operator. */
export class NoticeFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly { path: string; message: string }[],
  ) {
    super(
      `NOTICE_FILE ${file} is not a valid privacy notice (docs/notice.md):\n${problems
        .map((p) => `  - ${p.path}: ${p.message}`)
        .join("\n")}`,
    );
    this.name = "NoticeFileError";
  }
}

/** Reads and validates a notice file; throws NoticeFileError naming each wrong field. */
export function readNoticeFile(file: string): { notice: RegisterDescription; text: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new NoticeFileError(file, [{ path: "(the file)", message: (err as Error).message }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new NoticeFileError(file, [{ path: "(the file)", message: `not JSON: ${(err as Error).message}` }]);
  }
  const parsed = parseRegisterDescription(value);
  if (!parsed.ok) throw new NoticeFileError(file, parsed.problems);
  return { notice: parsed.notice, text };
}

/** Makes a notice file the one this process serves (start, CLI, tests). */
export function useNoticeFile(file: string): RegisterDescription {
  registerDescription = readNoticeFile(file).notice;
  return registerDescription;
}

/** The sender of every mail: MAIL_FROM, or (outside production) the controller's name and address from the notice. */
export function mailFromOf(env: { MAIL_FROM?: string | undefined }): string {
  return env.MAIL_FROM ?? `${registerDescription.controller.name} <${registerDescription.controller.email}>`;
}

/** The domain of Message-IDs: the sender's, so replies and duplicates are recognisable as ours. */
export function messageIdDomainOf(env: { MAIL_FROM?: string | undefined }): string {
  return /@([^>\s]+)>?\s*$/.exec(mailFromOf(env))?.[1] ?? "tietoni.invalid";
}

/** The language of a mail to a customer: theirs, else the notice's default (domain rule `mailLanguage`). */
export function customerMailLanguage(customerLanguage: Locale | null | undefined): Locale {
  return mailLanguage(customerLanguage, registerDescription.defaultLanguage);
}
