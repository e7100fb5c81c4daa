import { parseArgs } from "node:util";
import { hashPassword } from "../auth/passwords.ts";
import { randomToken } from "../auth/tokens.ts";
import { openDatabase } from "../db/client.ts";
import { staffUsers } from "../db/schema.ts";
import { parseEnv } from "../env.ts";
import { appendAudit } from "../services/audit.ts";

/**
 * Creates the first administrator in production, where no demo accounts exist:
 *   pnpm --filter @tietoni/bff create-admin --username heli --name "Heli Ahonen" --confidentiality-signed 2024-01-15
 * The password is read from the TIETONI_ADMIN_PASSWORD variable so it stays out of shell history.
 */
const { values } = parseArgs({
  options: {
    username: { type: "string" },
    name: { type: "string" },
    "confidentiality-signed": { type: "string" },
  },
});
const password = process.env.TIETONI_ADMIN_PASSWORD ?? "";
const problems = [
  !values.username || !/^[a-z0-9._-]{2,64}$/.test(values.username) ? "--username (2–64 of a-z 0-9 . _ -)" : null,
  !values.name ? "--name" : null,
  !values["confidentiality-signed"] || !/^\d{4}-\d{2}-\d{2}$/.test(values["confidentiality-signed"])
    ? "--confidentiality-signed YYYY-MM-DD (the notice requires a signed commitment)"
    : null,
  password.length < 12 ? "TIETONI_ADMIN_PASSWORD (at least 12 characters)" : null,
].filter((p) => p !== null);
if (problems.length > 0 || !values.username || !values.name) {
  console.error(`create-admin: missing or invalid:\n  ${problems.join("\n  ")}`);
  process.exit(2);
}

const env = parseEnv();
const db = openDatabase(env.databasePath);
const id = randomToken();
const now = Date.now();
db.insert(staffUsers)
  .values({
    id,
    username: values.username,
    displayName: values.name,
    role: "admin",
    passwordHash: await hashPassword(password),
    confidentialitySignedOn: values["confidentiality-signed"] ?? null,
    createdAt: now,
  })
  .run();
appendAudit(
  db,
  { actor: { type: "system" }, action: "staff.created", detail: { staffUserId: id, role: "admin", via: "cli" } },
  now,
);
console.info(`create-admin: administrator ${values.username} created`);
db.$client.close();
