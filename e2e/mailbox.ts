import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { E2E_MAIL_DIR } from "./e2e-env.ts";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Reads the newest sign-in code (or e-mail change confirmation code) mailed to `email` from the demo mailbox
 * (.eml files), as a user would.
 */
export async function readSignInCode(email: string, after: number): Promise<string> {
  const dir = path.join(root, E2E_MAIL_DIR);
  let code: string | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
        const mine = files
          .map((f) => path.join(dir, f))
          .filter((f) => fs.statSync(f).mtimeMs >= after)
          .map((f) => fs.readFileSync(f, "utf8"))
          .filter((text) => new RegExp(`^To: ${email}$`, "m").test(text));
        code = mine.at(-1)?.match(/(?:Sign-in|Confirmation) code: (\d{6})/)?.[1];
        return code;
      },
      { message: `a sign-in code mailed to ${email}` },
    )
    .toBeTruthy();
  return code ?? "";
}
