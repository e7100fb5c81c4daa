/**
 * How a system Chromium (Debian's /usr/bin/chromium) is started for the browser tests and the benchmarks: as root
 * without a sandbox, and without the background traffic that this project's closed network refuses.
 */
export const systemChromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
