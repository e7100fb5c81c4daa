import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { mailFromOf } from "../notice/notice.ts";
import { log as logger } from "../observability/logger.ts";

/** A file sent with a message (issue 12: the Art. 15 export staff send to the address on record). */
export type MailAttachment = { filename: string; content: Buffer; contentType: string };

export type MailMessage = { to: string; subject: string; text: string; attachments?: MailAttachment[] };

/** What the outbox hands a mailer: the message and its Message-ID, the same on every try of one outbox row. */
export type OutgoingMail = MailMessage & { messageId?: string };

/** The one port every outgoing message goes through. */
export type Mailer = { send(message: OutgoingMail): Promise<void> };

/**
 * Real SMTP through nodemailer, for production and for anyone who configures SMTP_URL. A try gives up well within
 * the outbox's lease (60 s), so a hung server never lets another process start the same row while this one still
 * waits. The URL's query may set nodemailer's options (`?ignoreTLS=true` for a loopback relay without TLS,
 * `?requireTLS=true` to refuse a server that does not offer STARTTLS); they win over these defaults.
 */
export function createSmtpMailer({ url, from }: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}

/**
 * Demo and test mail: each message becomes an .eml file (built by nodemailer, so it is a real
 * RFC 5322 message) and one log line names the file, so a new user can read their sign-in code.
 */
export function createFileMailer({ dir, from, log = true }: { dir: string; from: string; log?: boolean }): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  let counter = 0;
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      await fs.mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const safeTo = message.to.replace(/[^a-z0-9@._-]/gi, "_");
      counter += 1;
      const name = `${stamp}-${String(counter).padStart(4, "0")}`;
      const file = path.join(dir, `${name}-${safeTo}.eml`);
      // `buffer: true` makes nodemailer hand back the whole message as a Buffer. Written aside and renamed, so a
      // crash mid-write leaves no half message for a reader (or the crash test) to find: the outbox sends it again.
      await fs.writeFile(`${file}.part`, info.message);
      await fs.rename(`${file}.part`, file);
      // Issue 14 C: the line names the file without the address its name carries, so the server's log keeps no
      // customer's e-mail after an erasure (the mailbox folder stands for the customer's own mail server). Issue 15
      // E: nor the subject, whose wording is a template's but could one day carry a name.
      if (log) logger.info({ job: "mail", file: `${path.join(dir, name)}-….eml` }, "mail written to a file");
    },
  };
}

/** The mailer the configuration asks for: SMTP when SMTP_URL is set, else .eml files in MAIL_DIR (the demo). */
export function mailerFromEnv(env: {
  SMTP_URL?: string | undefined;
  MAIL_FROM?: string | undefined;
  mailDir: string;
}): Mailer {
  // The notice is loaded first (useNoticeFile): without MAIL_FROM the sender is the controller it names.
  const from = mailFromOf(env);
  return env.SMTP_URL ? createSmtpMailer({ url: env.SMTP_URL, from }) : createFileMailer({ dir: env.mailDir, from });
}
