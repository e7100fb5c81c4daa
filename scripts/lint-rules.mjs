// Architecture rules that Biome 2.6 cannot express, run by `pnpm lint` after `biome check`:
//  1. A file under apps/<app>/src/features/<A>/ imports nothing from another feature folder (relative path or alias);
//     shared code belongs in the app's src/lib, src/app or a package. noRestrictedImports only sees the import's text,
//     not where it points from the importing file.
//  2. apps/portal, apps/staff and packages/ui reach the BFF (@tietoni/bff or a path into apps/bff) only with
//     `import type` / `export type`, so no server code can end up in a browser bundle. noRestrictedImports has no
//     option to let type-only imports through.
// It tokenizes each file (comments, strings, template literals, regular expressions) instead of running a regex over
// raw text, so commented-out imports are ignored and multi-line imports, re-exports, import() and require() are seen.
// Limits: `import("...")` is a value import unless preceded by `typeof`; a JSX text with a quote or backtick may hide
// a later import() on the same line. Prints path:line: message per violation and exits 1 if there is any.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TYPE_ONLY_BFF = /^(?:apps\/portal|apps\/staff|packages\/ui)\//;
const FEATURE = /^(apps\/[^/]+\/src\/features\/[^/]+)(?:\/|$)/;
const REGEX_AFTER_WORD = new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw"]);
const REGEX_AFTER_WORD2 = new Set(["case", "do", "else", "yield", "await"]);

/** Splits source text into tokens {t: "name" | "str" | "punct" | "other", v, pos}; drops comments and whitespace. */
export function tokenize(src) {
  const toks = [];
  const braces = []; // "{" for a block or object, "${" for a template substitution
  let i = 0;
  const push = (t, v, pos) => toks.push({ t, v, pos });
  const scanTemplate = (from) => {
    let j = from;
    while (j < src.length && src[j] !== "`" && !(src[j] === "$" && src[j + 1] === "{")) j += src[j] === "\\" ? 2 : 1;
    if (src[j] === "$") braces.push("${");
    return src[j] === "$" ? j + 2 : j + 1;
  };
  while (i < src.length) {
    const c = src[i];
    const prev = toks.at(-1);
    if (/\s/.test(c)) i++;
    else if (c === "/" && src[i + 1] === "/") i = src.includes("\n", i) ? src.indexOf("\n", i) : src.length;
    else if (c === "/" && src[i + 1] === "*") i = src.includes("*/", i + 2) ? src.indexOf("*/", i + 2) + 2 : src.length;
    else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
      push("str", src.slice(i + 1, j), i);
      i = j + 1;
    } else if (c === "`") {
      push("other", "`", i);
      i = scanTemplate(i + 1);
    } else if (c === "}" && braces.at(-1) === "${") {
      braces.pop();
      push("other", "`", i);
      i = scanTemplate(i + 1);
    } else if (c === "/" && regexMayStart(prev)) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== "\n" && (inClass || src[j] !== "/")) {
        if (src[j] === "[") inClass = true;
        else if (src[j] === "]") inClass = false;
        j += src[j] === "\\" ? 2 : 1;
      }
      push("other", "/regex/", i);
      i = j + 1;
      while (/[\w$]/.test(src[i] ?? "")) i++;
    } else if (/[\w$]/.test(c)) {
      const m = /^[\w$]+/.exec(src.slice(i, i + 200));
      push(/\d/.test(c) ? "other" : "name", m[0], i);
      i += m[0].length;
    } else {
      if (c === "{") braces.push("{");
      if (c === "}") braces.pop();
      push("punct", c, i);
      i++;
    }
  }
  return toks;
}

function regexMayStart(prev) {
  if (!prev) return true;
  if (prev.t === "punct") return !")]}".includes(prev.v);
  return prev.t === "name" && (REGEX_AFTER_WORD.has(prev.v) || REGEX_AFTER_WORD2.has(prev.v));
}

/** Every module a file refers to: {spec, pos, typeOnly}. */
export function moduleReferences(src) {
  const toks = tokenize(src);
  const refs = [];
  const at = (k) => toks[k] ?? { t: "end", v: "" };
  // From toks[k] on, skip an import/export clause ({ a, type b as c }, * as ns, default) up to `from "..."`.
  const fromClause = (k) => {
    let j = k;
    while (at(j).t === "name" || (at(j).t === "str" && at(j - 1).v !== "from") || "{},*".includes(at(j).v || ";")) {
      if (at(j).v === "from" && at(j + 1).t === "str") return j + 1;
      j++;
    }
    return -1;
  };
  for (let i = 0; i < toks.length; i++) {
    const { t, v } = toks[i];
    if (t !== "name" || at(i - 1).v === "." || !["import", "export", "require"].includes(v)) continue;
    const next = at(i + 1);
    if ((v === "import" || v === "require") && next.v === "(" && at(i + 2).t === "str") {
      refs.push({ spec: at(i + 2).v, pos: toks[i].pos, typeOnly: v === "import" && at(i - 1).v === "typeof" });
    } else if (v === "import" && next.t === "str") {
      refs.push({ spec: next.v, pos: toks[i].pos, typeOnly: false });
    } else if (v === "import" && next.t === "name") {
      const typeOnly = next.v === "type" && !["from", ","].includes(at(i + 2).v);
      const s = fromClause(i + 1);
      if (s > 0) refs.push({ spec: at(s).v, pos: toks[i].pos, typeOnly });
    } else if (v === "import" && "{*".includes(next.v || ";")) {
      const s = fromClause(i + 1);
      if (s > 0) refs.push({ spec: at(s).v, pos: toks[i].pos, typeOnly: false });
    } else if (v === "export") {
      const typeOnly = next.v === "type";
      const first = at(typeOnly ? i + 2 : i + 1).v;
      const s = first === "{" || first === "*" ? fromClause(typeOnly ? i + 2 : i + 1) : -1;
      if (s > 0) refs.push({ spec: at(s).v, pos: toks[i].pos, typeOnly });
    }
  }
  return refs;
}

/** Violations of the two rules in one file; `file` is relative to the repository root, with forward slashes. */
export function checkFile(file, src) {
  const problems = [];
  const ownFeature = FEATURE.exec(file)?.[1];
  for (const { spec, pos, typeOnly } of moduleReferences(src)) {
    const line = src.slice(0, pos).split("\n").length;
    const target = spec.startsWith(".") ? path.posix.join(path.posix.dirname(file), spec) : spec;
    const report = (message) => problems.push(`${file}:${line}: ${message}`);
    if (ownFeature) {
      // A relative path resolves to apps/<app>/src/features/<B>; an alias (@/features/B, #features/B) names the folder.
      const relative = spec.startsWith(".");
      const feature = relative ? FEATURE.exec(target)?.[1] : /(?:^|\/)features\/([^/]+)/.exec(spec)?.[1];
      if (feature && feature !== (relative ? ownFeature : path.posix.basename(ownFeature)))
        report(
          `"${spec}" reaches into another feature; files in ${ownFeature}/ import only from their own folder (share through src/lib or a package)`,
        );
    }
    const intoBff = target === "@tietoni/bff" || target.startsWith("@tietoni/bff/") || target.startsWith("apps/bff/");
    if (TYPE_ONLY_BFF.test(file) && intoBff && !typeOnly)
      report(`value import of the BFF ("${spec}"); use \`import type\` / \`export type\` so no server code is bundled`);
  }
  return problems;
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
    cwd: root,
    encoding: "utf8",
  });
  const files = listed
    .split("\0")
    .filter((f) => SOURCE.test(f) && (FEATURE.test(f) || TYPE_ONLY_BFF.test(f)) && existsSync(path.join(root, f)));
  const problems = files.flatMap((f) => checkFile(f, readFileSync(path.join(root, f), "utf8")));
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`lint-rules: ${problems.length} violation(s) of the rules in scripts/lint-rules.mjs`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
