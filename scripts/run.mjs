#!/usr/bin/env node
// The README's two commands (`npm start`, `npm test`) land here, so a machine with only Node.js works:
// it brings the pinned pnpm, installs from the lockfile, then runs the demo or every test.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PNPM_VERSION = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).packageManager.split("@")[1];
const task = process.argv[2];
const env = { ...process.env };

// better-sqlite3 compiles from source where its prebuilt binary cannot be downloaded; Debian's Node ships headers.
if (!env.npm_config_nodedir && fs.existsSync("/usr/include/node/node.h")) env.npm_config_nodedir = "/usr";
// Use the system Chromium for the browser tests when there is one; otherwise Playwright's own.
if (!env.CHROMIUM_PATH && fs.existsSync("/usr/bin/chromium")) env.CHROMIUM_PATH = "/usr/bin/chromium";

function pnpmCommand() {
  try {
    if (execFileSync("pnpm", ["--version"], { encoding: "utf8" }).trim() === PNPM_VERSION) return ["pnpm"];
  } catch {}
  return ["npx", "--yes", `pnpm@${PNPM_VERSION}`];
}
const [pnpmBin, ...pnpmArgs] = pnpmCommand();

function step(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} ${args.join(" ")} failed (${signal ?? code})`)),
    );
  });
}
const run = (...args) => step(pnpmBin, [...pnpmArgs, ...args]);
const node = (...args) => step(process.execPath, args);

const tasks = {
  async start() {
    await run("install", "--frozen-lockfile");
    await run("build");
    await run("serve");
  },
  async test() {
    await run("install", "--frozen-lockfile");
    // Known advisories (high/critical) in production dependencies; says so plainly where the registry won't answer.
    await node("scripts/audit.mjs", pnpmBin, ...pnpmArgs);
    await run("lint");
    await run("typecheck");
    // Every vitest project, the BFF's suite twice: on SQLite files and on PostgreSQL (the server on 127.0.0.1:5432,
    // started by .ci/run in CI; embedded PGlite where none answers).
    await run("test:unit");
    // SIGKILL in the middle of acknowledged writes; the full 50 rounds: pnpm test:crash.
    await run("test:crash", "--", "--rounds", "10", "--restore-drill");
    // Load smoke (≈ 10 s); the full 60-second run with 200 customers is too slow for CI: pnpm bench:load.
    await run("bench:load", "--", "--duration", "5", "--customers", "50", "--no-write", "--smoke");
    await run("build");
    // P5 and P7 load the built apps in Chromium, so the browser is there before the benchmarks' smoke.
    if (!env.CHROMIUM_PATH) await run("exec", "playwright", "install", "chromium");
    // Every benchmark once on tiny data, so none can rot; numbers are not judged here (pnpm bench does that).
    await run("bench", "--", "--smoke");
    await run("test:e2e");
  },
  async dev() {
    await run("install", "--frozen-lockfile");
    // Vite's dev servers are the browsers' origins in development.
    env.PORTAL_ORIGIN ??= "http://localhost:5173";
    env.STAFF_ORIGIN ??= "http://localhost:5174";
    await Promise.all([
      run("--filter", "@tietoni/bff", "dev"),
      run("--filter", "@tietoni/portal", "dev"),
      run("--filter", "@tietoni/staff", "dev"),
    ]);
  },
};

if (!(task in tasks)) {
  console.error(`usage: node scripts/run.mjs ${Object.keys(tasks).join("|")}`);
  process.exit(2);
}
tasks[task]().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
