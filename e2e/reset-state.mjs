// Removes the e2e database and mailbox so every run starts from the same seeded demo register.
import fs from "node:fs";

fs.rmSync("var/e2e", { recursive: true, force: true });
