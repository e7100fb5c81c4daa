import fs from "node:fs";
import { type Browser, chromium } from "@playwright/test";
import { systemChromiumArgs } from "../../e2e/system-chromium.ts";

/**
 * Chromium found the way `npm test` finds it for the e2e runs (scripts/run.mjs): CHROMIUM_PATH, else Debian's
 * /usr/bin/chromium when there is one (with the e2e runs' flags), else Playwright's own browser.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath =
    process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  try {
    return await chromium.launch(
      executablePath
        ? {
            executablePath,
            args: systemChromiumArgs,
          }
        : {},
    );
  } catch (err) {
    const hint = executablePath
      ? `CHROMIUM_PATH=${executablePath} did not start`
      : "no Playwright Chromium: run `pnpm exec playwright install chromium` or set CHROMIUM_PATH=/usr/bin/chromium";
    throw new Error(`${hint}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
