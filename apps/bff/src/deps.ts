import type { Db } from "./db/port.ts";
import type { Env } from "./env.ts";
import type { MailQueue } from "./mail/mail-queue.ts";
import type { Mailer } from "./mail/mailer.ts";

/** What every route factory needs; tests pass their own database, mailer and clock. */
export type Deps = {
  db: Db;
  env: Env;
  mailer: Mailer;
  /** Mail queued inside a service's transaction and sent after it commits (built from `mailer`). */
  mail: MailQueue;
  now: () => number;
};
