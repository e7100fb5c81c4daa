import type { Db } from "./db/client.ts";
import type { Env } from "./env.ts";
import type { Mailer } from "./mail/mailer.ts";

/** What every route factory needs; tests pass their own database, mailer and clock. */
export type Deps = {
  db: Db;
  env: Env;
  mailer: Mailer;
  now: () => number;
};
