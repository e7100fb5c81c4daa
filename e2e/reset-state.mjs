// Removes this run's e2e database and mailbox so every run starts from the same seeded demo register.
import fs from "node:fs";

const dir = process.env.E2E_STATE_DIR;
if (!dir?.startsWith("var/e2e")) throw new Error("E2E_STATE_DIR must name a folder under var/e2e");
fs.rmSync(dir, { recursive: true, force: true });
