import { createPortalApp } from "../../apps/bff/src/portal-app.ts";
import { listen, ready } from "../lib/child-side.ts";
import { benchDeps } from "../lib/register.ts";

/* P8's portal: the real portal listener on the register the import writes to, in a process of its own. */
const dir = process.argv[2];
if (!dir) throw new Error("usage: server.ts REGISTER_DIR");
ready({
  port: await listen(
    createPortalApp(await benchDeps(dir, { LIMIT_MARKETING_WITHDRAWALS_PER_HOUR: "1000000000" })).fetch,
  ),
});
