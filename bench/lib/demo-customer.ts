import { openDatabase } from "../../apps/bff/src/db/client.ts";
import { DEMO_CUSTOMER_EMAIL } from "../../apps/bff/src/db/seed-demo.ts";
import { parseEnv } from "../../apps/bff/src/env.ts";
import { benchEnv } from "./register.ts";

/** The id of the demo customer (Aino Asiakas, the README's example) in the register made by createDemoRegister. */
export function demoCustomerId(dir: string): string {
  const db = openDatabase(parseEnv(benchEnv(dir)).databasePath);
  try {
    const row = db.$client.prepare("SELECT id FROM customers WHERE email = ?").get(DEMO_CUSTOMER_EMAIL) as
      | { id: string }
      | undefined;
    if (!row) throw new Error(`the demo customer ${DEMO_CUSTOMER_EMAIL} is not in the register`);
    return row.id;
  } finally {
    db.$client.close();
  }
}
