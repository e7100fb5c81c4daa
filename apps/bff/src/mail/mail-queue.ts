import type { Tx } from "../db/port.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

/**
 * How services send mail: queued inside the transaction that causes it, handed to the mailer only after that
 * transaction commits, so no notice ever announces a change that rolled back. No route calls the mailer.
 * (Issue 13 makes the queue durable: an outbox row in the same transaction, delivered and retried by a dispatcher.)
 */
export type MailQueue = { enqueueMail(tx: Tx, message: MailMessage): void };

export function createMailQueue(mailer: Mailer): MailQueue {
  return {
    enqueueMail(tx, message) {
      tx.afterCommit(async () => {
        try {
          await mailer.send(message);
        } catch (error) {
          // The recipient's address stays out of the log; the subject says which notice failed.
          console.error(`[mail] not sent: ${message.subject}`, error instanceof Error ? error.message : error);
        }
      });
    },
  };
}
