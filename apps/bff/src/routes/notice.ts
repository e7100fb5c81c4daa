import { createHash } from "node:crypto";
import { Hono } from "hono";
import { registerDescription } from "../notice/notice.ts";

/**
 * The privacy notice this process serves (NOTICE_FILE), for both apps: they render the controller's name, branding
 * and every notice text from it instead of a copy bundled at build time, so a new file (a new controller, a changed
 * notice) needs a restart, not a rebuild. Public on both surfaces: a privacy notice is public by its nature, and the
 * sign-in page already shows it. `no-cache` with an ETag: the browser asks each time and gets a 304 while the file
 * is the same, so a restart with another file is seen at the next page load without shipping the notice again.
 */
export function noticeRoutes() {
  // The notice is fixed for the life of the process (read once at start), so its body and tag are computed once.
  const notice = registerDescription;
  const etag = `"${createHash("sha256").update(JSON.stringify(notice)).digest("base64url").slice(0, 27)}"`;
  return new Hono().get("/", (c) => {
    c.header("ETag", etag);
    c.header("Cache-Control", "no-cache");
    const known = c.req.header("if-none-match");
    if (known?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return c.body(null, 304);
    return c.json(notice, 200);
  });
}
