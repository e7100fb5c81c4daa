import type { Db } from "./db/port.ts";
import type { Env } from "./env.ts";
import type { MailQueue } from "./mail/mail-queue.ts";

/** What every route factory needs; tests pass their own database, mailer and clock. */
export type Deps = {
  db: Db;
  env: Env;
  /**
   * Mail, queued inside a service's transaction and sent after it commits. The mailer itself is not here: nothing
   * but the queue sends (`createMailQueue(mailer)`).
   */
  mail: MailQueue;
  now: () => number;
};
