import path from "node:path";
import { build } from "vite";
import { repoRoot } from "./child.ts";

/**
 * Builds one of the apps (`portal`, `staff`) with its own vite.config.ts into `outDir`, so the app's dist/ is
 * left alone (another run, or the e2e server, may be using it). Returns `outDir`.
 */
export async function buildApp(app: "portal" | "staff", outDir: string): Promise<string> {
  const root = path.join(repoRoot, "apps", app);
  await build({
    root,
    configFile: path.join(root, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  });
  return outDir;
}
