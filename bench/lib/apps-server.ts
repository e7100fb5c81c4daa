import net from "node:net";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createPortalApp } from "../../apps/bff/src/portal-app.ts";
import { createStaffApp } from "../../apps/bff/src/staff-app.ts";
import { ready } from "./child-side.ts";
import { benchDeps } from "./register.ts";

/*
 * A bench child: the real BFF (portal and staff listeners, exactly as src/index.ts builds them) on the register
 * in REGISTER_DIR, serving built apps from PORTAL_DIST / STAFF_DIST (either may be "-" for none). Mail is dropped.
 * Each origin is the loopback address the browser will use, so the BFF's origin checks pass as in production.
 *
 *   startChild("lib/apps-server.ts", { args: [registerDir, portalDist, staffDist] })
 */
const [dir, portalDist = "-", staffDist = "-"] = process.argv.slice(2);
if (!dir) throw new Error("usage: apps-server.ts REGISTER_DIR [PORTAL_DIST|-] [STAFF_DIST|-]");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const [portalPort, staffPort] = [await freePort(), await freePort()];
// An app not asked for is served from an empty folder (benchDeps makes it; the BFF answers 503 "not built").
const deps = await benchDeps(dir, {
  PORTAL_ORIGIN: `http://127.0.0.1:${portalPort}`,
  STAFF_ORIGIN: `http://127.0.0.1:${staffPort}`,
  ...(portalDist !== "-" ? { STATIC_DIR_PORTAL: path.resolve(portalDist) } : {}),
  ...(staffDist !== "-" ? { STATIC_DIR_STAFF: path.resolve(staffDist) } : {}),
});
function listenOn(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<number> {
  return new Promise((resolve) => serve({ fetch, hostname: "127.0.0.1", port }, (info) => resolve(info.port)));
}

ready({
  portal: await listenOn(createPortalApp(deps).fetch, portalPort),
  staff: await listenOn(createStaffApp(deps).fetch, staffPort),
});
