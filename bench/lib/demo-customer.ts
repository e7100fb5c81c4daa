import Database from "better-sqlite3";
import { DEMO_CUSTOMER_EMAIL } from "../../apps/bff/src/db/seed-demo.ts";
import { parseEnv } from "../../apps/bff/src/env.ts";
import { benchEnv } from "./register.ts";

/** The id of the demo customer (Aino Asiakas, the README's example) in the register made by createDemoRegister. */
export function demoCustomerId(dir: string): string {
  // Read straight from the file: the bench only looks, and the BFF's port would migrate and open two connections.
  const sqlite = new Database(parseEnv(benchEnv(dir)).databasePath, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare("SELECT id FROM customers WHERE email = ?").get(DEMO_CUSTOMER_EMAIL) as
      | { id: string }
      | undefined;
    if (!row) throw new Error(`the demo customer ${DEMO_CUSTOMER_EMAIL} is not in the register`);
    return row.id;
  } finally {
    sqlite.close();
  }
}
