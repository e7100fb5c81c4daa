// Issue 15 D: the BFF as plain JavaScript, so production runs `node apps/bff/dist/server.mjs` with no TypeScript
// loader (tsx) at run time. esbuild bundles our source and the workspace packages (@tietoni/domain is TypeScript
// source) with the pure-JavaScript dependencies; what it cannot or should not bundle stays an import that Node
// resolves from apps/bff/node_modules at run time:
//   - native addons (better-sqlite3, @node-rs/argon2: a .node file per platform, loaded by path);
//   - pino, pino-pretty and prom-client: pino starts its transports (pino-pretty, thread-stream) on worker threads
//     by file path, which a bundle would break; prom-client is kept beside it as the same kind of runtime service.
// Migrations (drizzle/), notices/ and the docs' schema files are read from the repository at run time (paths.ts
// finds them from dist/ as from src/), so nothing is copied. `dist/` is not committed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The server, then the command-line tools an operator runs in production: `dist/cli/<name>.mjs`. Add an entry here. */
export const ENTRIES = {
  server: "src/index.ts",
  "cli/create-admin": "src/cli/create-admin.ts",
  "cli/retention": "src/cli/retention.ts",
  "cli/audit-verify": "src/cli/audit-verify.ts",
  "cli/purge": "src/cli/purge.ts",
  "cli/digest": "src/cli/digest.ts",
  "cli/import": "src/cli/import.ts",
  "cli/backup": "src/cli/backup.ts",
  "cli/restore": "src/cli/restore.ts",
};

export const EXTERNAL = ["better-sqlite3", "@node-rs/argon2", "pino", "pino-pretty", "prom-client"];

/** Builds every entry into `outdir` (default apps/bff/dist); resolves with the files written. */
export async function buildBff({ outdir = path.join(here, "dist"), entries = ENTRIES } = {}) {
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: here,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([out, src]) => [out, path.join(here, src)])),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: EXTERNAL,
    // Shared code in chunks of its own, so seven entries do not carry seven copies of the server.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
    // CommonJS dependencies bundled into ESM still call `require` for Node's built-ins: give them one.
    banner: {
      js: 'import { createRequire as __tietoniRequire } from "node:module";\nconst require = __tietoniRequire(import.meta.url);',
    },
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
  });
  return Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".mjs"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const files = await buildBff();
  const entries = files.filter((f) => !f.includes("/chunks/")).length;
  console.info(
    `bff: ${entries} entries, ${files.length - entries} chunks in ${Math.round(performance.now() - started)} ms → apps/bff/dist`,
  );
}
