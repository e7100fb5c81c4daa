import { type Browser, chromium } from "@playwright/test";

/**
 * Chromium found the way e2e/playwright.config.ts finds it: CHROMIUM_PATH picks a system Chromium (Debian's
 * /usr/bin/chromium, with the same flags as the e2e runs); without it Playwright's own browser is used.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH;
  try {
    return await chromium.launch(
      executablePath
        ? {
            executablePath,
            args: [
              "--no-sandbox",
              "--disable-gpu",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--no-first-run",
            ],
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
