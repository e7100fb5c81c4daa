import { parseArgs } from "node:util";
import { openRegister } from "../db/open.ts";
import { parseEnv } from "../env.ts";
import { createFirstAdministrator } from "../services/staff-accounts.ts";
import { cliDeps } from "./cli-deps.ts";

/**
 * Creates the first administrator in production, where no demo accounts exist, or the second while only one
 * exists (issue 14 D: one admin cannot make another in the app alone; the server's shell is the second key):
 *   pnpm --filter @tietoni/bff create-admin --username hilkka --name "Hilkka Koskinen" --confidentiality-signed 2024-01-15
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
if (problems.length > 0 || !values.username || !values.name || !values["confidentiality-signed"]) {
  console.error(`create-admin: missing or invalid:\n  ${problems.join("\n  ")}`);
  process.exit(2);
}

const env = parseEnv();
const db = await openRegister(env);
// The audit trail's keys come from the configuration, as in the server: without them the `staff.created` entry was
// keyed with the demo key and a production trail failed verification from its first entry (issue 15 G).
await cliDeps(db, env);
const created = await createFirstAdministrator(
  db,
  {
    username: values.username,
    displayName: values.name,
    password,
    confidentialitySignedOn: values["confidentiality-signed"],
  },
  Date.now(),
);
await db.close();
if (!created.ok) {
  const why =
    created.code === "username_taken"
      ? "the user name is in use"
      : created.code === "second_admin_required"
        ? "two administrators exist already: create the next in the staff app, where a second admin approves it"
        : created.code;
  console.error(`create-admin: ${why}`);
  process.exit(1);
}
console.info(`create-admin: ${created.ordinal} administrator ${values.username} created`);
