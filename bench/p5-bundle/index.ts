import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import react from "@vitejs/plugin-react";
import { build } from "vite";
import { defineBenchmark } from "../lib/benchmark.ts";
import { buildApp } from "../lib/build-app.ts";
import { benchDir, startChild } from "../lib/child.ts";
import { launchChromium } from "../lib/chromium.ts";
import { demoCustomerId } from "../lib/demo-customer.ts";
import { createDemoRegister, customerCookie } from "../lib/register.ts";
import { formatRatio, median } from "../lib/stats.ts";

/*
 * P5 (issue 6): the JavaScript each app makes the browser load for its first screen, gzipped, against a bare
 * Vite + React template (create-vite's react-ts: a counter) built in the same run by the same Vite.
 *
 * "Loaded for the first screen" is measured, not inferred from the build graph: Chromium opens each built app,
 * served by the real BFF, with a cold cache, waits for the first screen to render and the network to go idle,
 * and every script response (entry, its static imports, modulepreloads, lazy route chunks) is counted. The
 * bodies are gzipped by zlib at level 9, the same way for every side; the BFF serves them uncompressed, so the
 * figure is what a gzip-serving proxy would send. Sizes are in kB of 1000 bytes, as `vite build` prints them.
 *
 * First screens: a signed-out visitor at `/` of each app (the sign-in page after the session check); the
 * portal's signed-in "my data" page at `/` is reported in the notes (not part of the goal).
 */
const GOAL = 1.6;

type Screen = { gzipBytes: number; rawBytes: number; files: string[] };

/** create-vite's react-ts template, written inline (no network); the logos are served from public/. */
function writeBaseline(dir: string) {
  const files: Record<string, string> = {
    "index.html": `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon" type="image/svg+xml" href="/vite.svg" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Vite + React + TS</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`,
    "public/vite.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><circle cx="16" cy="16" r="14" fill="#646cff"/></svg>\n`,
    "public/react.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><circle cx="16" cy="16" r="14" fill="#61dafb"/></svg>\n`,
    "src/index.css": `:root { font-family: system-ui, Avenir, Helvetica, Arial, sans-serif; line-height: 1.5; color-scheme: light dark; }
body { margin: 0; display: flex; place-items: center; min-width: 320px; min-height: 100vh; }
h1 { font-size: 3.2em; line-height: 1.1; }
button { border-radius: 8px; border: 1px solid transparent; padding: 0.6em 1.2em; font-size: 1em; cursor: pointer; }
`,
    "src/App.css": `#root { max-width: 1280px; margin: 0 auto; padding: 2rem; text-align: center; }
.logo { height: 6em; padding: 1.5em; }
.card { padding: 2em; }
.read-the-docs { color: #888; }
`,
    "src/main.tsx": `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./index.css";
import App from "./App.tsx";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
    "src/App.tsx": `import { useState } from "react";
import "./App.css";

function App() {
  const [count, setCount] = useState(0);

  return (
    <>
      <div>
        <a href="https://vite.dev" target="_blank">
          <img src="/vite.svg" className="logo" alt="Vite logo" />
        </a>
        <a href="https://react.dev" target="_blank">
          <img src="/react.svg" className="logo react" alt="React logo" />
        </a>
      </div>
      <h1>Vite + React</h1>
      <div className="card">
        <button onClick={() => setCount((count) => count + 1)}>count is {count}</button>
        <p>
          Edit <code>src/App.tsx</code> and save to test HMR
        </p>
      </div>
      <p className="read-the-docs">Click on the Vite and React logos to learn more</p>
    </>
  );
}

export default App;
`,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  // The template's dependencies are the bench package's own react and react-dom.
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  for (const pkg of ["react", "react-dom"]) {
    fs.symlinkSync(fs.realpathSync(path.join(benchDir, "node_modules", pkg)), path.join(dir, "node_modules", pkg));
  }
}

async function buildBaseline(dir: string): Promise<string> {
  writeBaseline(dir);
  const outDir = path.join(dir, "dist");
  await build({
    root: dir,
    configFile: false,
    logLevel: "warn",
    plugins: [react()],
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  });
  return outDir;
}

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** A minimal static server for the baseline's dist (unknown paths get index.html, as the BFF does). */
function serveDir(root: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    let file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(root, "index.html");
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : 0,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

/** Opens `url` in a fresh context (cold cache), waits for the first screen, and sums the scripts it loaded. */
async function measureScreen(
  browser: Browser,
  url: string,
  rendered: (page: Page) => Promise<unknown>,
  cookie?: string,
): Promise<Screen> {
  const context = await browser.newContext();
  try {
    if (cookie) {
      const [name = "", value = ""] = cookie.split("=");
      await context.addCookies([{ name, value, url }]);
    }
    const page = await context.newPage();
    const bodies = new Map<string, Promise<Buffer>>();
    page.on("response", (response) => {
      const isScript = response.request().resourceType() === "script" || /\.m?js(\?|$)/.test(response.url());
      if (isScript && response.ok() && !bodies.has(response.url())) bodies.set(response.url(), response.body());
    });
    await page.goto(url);
    await rendered(page);
    await page.waitForLoadState("networkidle");
    let gzipBytes = 0;
    let rawBytes = 0;
    for (const body of await Promise.all(bodies.values())) {
      rawBytes += body.length;
      gzipBytes += gzipSync(body, { level: 9 }).length;
    }
    return {
      gzipBytes,
      rawBytes,
      files: [...bodies.keys()].map((u) => new URL(u).pathname.replace(/^\/assets\//, "")),
    };
  } finally {
    await context.close();
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export const benchmark = defineBenchmark({
  id: "P5",
  title: "JavaScript loaded for each app's first screen (signed-out visitor at `/`), gzip",
  baselineTitle: "a bare Vite + React template (react-ts, a counter) built by the same Vite",
  goal: "≤ 1.6× (each app)",
  async run({ runs, tmpDir, log }) {
    const [baselineDist, portalDist, staffDist] = await Promise.all([
      buildBaseline(path.join(tmpDir, "baseline")),
      buildApp("portal", path.join(tmpDir, "portal-dist")),
      buildApp("staff", path.join(tmpDir, "staff-dist")),
    ]);
    log("built the baseline, the portal and the staff app");
    await createDemoRegister(tmpDir);
    const cookie = await customerCookie(tmpDir, demoCustomerId(tmpDir));
    const child = await startChild<{ portal: number; staff: number }>("lib/apps-server.ts", {
      args: [tmpDir, portalDist, staffDist],
    });
    const baselineServer = await serveDir(baselineDist);
    const browser = await launchChromium();
    const screens = { baseline: [] as Screen[], portal: [] as Screen[], staff: [] as Screen[], myData: [] as Screen[] };
    try {
      const portal = `http://127.0.0.1:${child.ready.portal}/`;
      const staff = `http://127.0.0.1:${child.ready.staff}/`;
      for (let i = 0; i < runs; i++) {
        screens.baseline.push(
          await measureScreen(browser, `http://127.0.0.1:${baselineServer.port}/`, (page) =>
            page.getByRole("button", { name: /count is/ }).waitFor(),
          ),
        );
        screens.portal.push(
          await measureScreen(browser, portal, (page) => page.locator("input[name=email]").waitFor()),
        );
        screens.staff.push(
          await measureScreen(browser, staff, (page) => page.locator("input[name=username]").waitFor()),
        );
        screens.myData.push(
          await measureScreen(browser, portal, (page) => page.locator(".customer-record").waitFor(), cookie),
        );
        log(
          `run ${i + 1}: ${Object.entries(screens)
            .map(([k, v]) => `${k} ${kB(v.at(-1)?.gzipBytes ?? 0)}`)
            .join(", ")}`,
        );
      }
    } finally {
      await browser.close();
      await baselineServer.close();
      await child.stop();
    }
    const gz = (list: Screen[]) => median(list.map((s) => s.gzipBytes));
    const base = gz(screens.baseline);
    const [portalRatio, staffRatio, myDataRatio] = [gz(screens.portal), gz(screens.staff), gz(screens.myData)].map(
      (v) => v / base,
    ) as [number, number, number];
    const fileList = (list: Screen[]) => (list.at(-1)?.files ?? []).join(", ");
    return {
      measured: `portal ${kB(gz(screens.portal))}, staff ${kB(gz(screens.staff))}`,
      baseline: kB(base),
      ratio: `portal ${formatRatio(portalRatio)}, staff ${formatRatio(staffRatio)}`,
      met: portalRatio <= GOAL && staffRatio <= GOAL,
      notes: [
        `The portal's signed-in first screen ("my data" at \`/\`) loads ${kB(gz(screens.myData))} of JavaScript, ${formatRatio(myDataRatio)} the template (not part of the goal).`,
        "Measured in Chromium with a cold cache: every script response until the first screen rendered and the network went idle, each gzipped by zlib at level 9 (kB = 1000 bytes).",
        `Files — portal signed out: ${fileList(screens.portal)}; staff signed out: ${fileList(screens.staff)}; portal "my data": ${fileList(screens.myData)}; template: ${fileList(screens.baseline)}.`,
      ],
    };
  },
});
