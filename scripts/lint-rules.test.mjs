import { describe, expect, it } from "vitest";
import { checkFile } from "./lint-rules.mjs";

const FEATURE_FILE = "apps/portal/src/features/sessions/components/sessions.tsx";
const LIB_FILE = "apps/portal/src/lib/api-client.ts";

describe("feature folders import only from themselves", () => {
  it("allows the feature's own files, src/lib and packages", () => {
    const src = [
      'import { useI18n } from "../messages.ts";',
      'import { api } from "../../../lib/api-client.ts";',
      'import { Status } from "@tietoni/ui";',
    ].join("\n");
    expect(checkFile(FEATURE_FILE, src)).toEqual([]);
  });

  it("refuses a relative import of another feature, multi-line, with its line", () => {
    const src = [
      'import { a } from "../messages.ts";',
      "import {",
      "  useSession,",
      '} from "../../auth/api/get-session.ts";',
    ];
    expect(checkFile(FEATURE_FILE, src.join("\n"))).toEqual([
      `${FEATURE_FILE}:2: "../../auth/api/get-session.ts" reaches into another feature; files in apps/portal/src/features/sessions/ import only from their own folder (share through src/lib or a package)`,
    ]);
  });

  it("refuses re-exports, import(), side-effect imports, aliases and another app's features", () => {
    const src = [
      'export { signOut } from "../../auth/api/sign-out.ts";',
      'const page = import("../../my-data/components/my-data.tsx");',
      'import "../../contact/styles.css";',
      'import { x } from "@/features/auth/x.ts";',
      'import { y } from "../../../../../staff/src/features/sessions/y.ts";',
    ].join("\n");
    expect(checkFile(FEATURE_FILE, src).map((p) => p.split(":")[1])).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("ignores imports in comments, strings and templates", () => {
    const src = [
      '// import { a } from "../../auth/a.ts";',
      '/* export * from "../../auth/a.ts"; */',
      "const s = 'import { a } from \"../../auth/a.ts\"';",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixture is source text with a template in it
      'const t = `import("../../auth/a.ts") ${1 / 2}`;',
    ].join("\n");
    expect(checkFile(FEATURE_FILE, src)).toEqual([]);
  });

  it("does not apply outside feature folders (the router composes features)", () => {
    expect(
      checkFile("apps/portal/src/app/routes/sessions.tsx", 'import { S } from "../../features/auth/s.tsx";'),
    ).toEqual([]);
  });
});

describe("the apps reach the BFF only for types", () => {
  it("allows import type and export type", () => {
    const src = [
      'import type { PortalApi } from "@tietoni/bff/portal-app";',
      "export type {",
      "  StaffApi,",
      '} from "@tietoni/bff/staff-app";',
      'type Api = typeof import("@tietoni/bff/portal-app");',
    ].join("\n");
    expect(checkFile(LIB_FILE, src)).toEqual([]);
  });

  it("refuses value imports by package name or relative path, in the apps and packages/ui", () => {
    const src = [
      'import { portalApp } from "@tietoni/bff/portal-app";',
      'import { type PortalApi } from "@tietoni/bff/portal-app";',
      "const quote = /[`'\"]/; // a backtick in a regular expression does not open a template",
      'const app = await import("@tietoni/bff/portal-app");',
      'export * from "../../../bff/src/staff-app.ts";',
    ].join("\n");
    expect(checkFile(LIB_FILE, src).map((p) => p.split(":")[1])).toEqual(["1", "2", "4", "5"]);
    expect(checkFile("packages/ui/src/api/call-api.ts", 'import { x } from "@tietoni/bff";')).toEqual([
      'packages/ui/src/api/call-api.ts:1: value import of the BFF ("@tietoni/bff"); use `import type` / `export type` so no server code is bundled',
    ]);
  });

  it("does not apply to the BFF itself or the tooling", () => {
    expect(checkFile("bench/lib/apps-server.ts", 'import { portalApp } from "@tietoni/bff/portal-app";')).toEqual([]);
  });
});
