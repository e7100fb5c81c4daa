import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, PORTAL_ORIGIN, STAFF_ORIGIN, type TestContext } from "../test/test-context.ts";

let t: TestContext | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const demoFile = path.resolve(import.meta.dirname, "../../../../notices/mastermark.json");
const demoJson = () => JSON.parse(fs.readFileSync(demoFile, "utf8")) as Record<string, unknown>;

/** The demo notice under another controller's name and colour: what an operator's own file changes. */
function otherControllerFile(): string {
  const notice = demoJson();
  notice.controller = { ...(notice.controller as object), name: "Esimerkki Oy" };
  notice.branding = { accentColor: "#7a1f5c" };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-notice-")), "other.json");
  fs.writeFileSync(file, JSON.stringify(notice));
  return file;
}

/*
 * Issue 15 A: both apps read the notice the BFF serves, so a new NOTICE_FILE needs a restart, not a rebuild. Before
 * this route the apps bundled the demo notice at build time and no endpoint answered.
 */
describe("GET /api/{portal,staff}/notice", () => {
  it("serves the loaded notice on both surfaces without a session, revalidated on every load", async () => {
    t = await createTestContext();
    const expected = demoJson();
    for (const [app, url, origin] of [
      [t.portal, "/api/portal/notice", PORTAL_ORIGIN],
      [t.staff, "/api/staff/notice", STAFF_ORIGIN],
    ] as const) {
      const res = await app.request(url, { headers: { origin } });
      expect(res.status, url).toBe(200);
      expect(res.headers.get("cache-control"), url).toBe("no-cache");
      expect(res.headers.get("etag"), url).toMatch(/^"[\w-]{27}"$/);
      expect(await res.json(), url).toEqual(expected);
    }
  });

  it("answers 304 while the browser's copy is current, and the full notice to an outdated one", async () => {
    t = await createTestContext();
    const first = await t.portal.request("/api/portal/notice");
    const etag = first.headers.get("etag") ?? "";
    const again = await t.portal.request("/api/portal/notice", { headers: { "if-none-match": `W/${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const outdated = await t.portal.request("/api/portal/notice", { headers: { "if-none-match": '"old"' } });
    expect(outdated.status).toBe(200);
  });

  it("serves another controller's file after a restart with it, under another tag", async () => {
    t = await createTestContext();
    const demoTag = (await t.staff.request("/api/staff/notice")).headers.get("etag");
    await t.close();
    t = await createTestContext({ NOTICE_FILE: otherControllerFile() });
    const res = await t.staff.request("/api/staff/notice");
    const body = (await res.json()) as { controller: { name: string }; branding: { accentColor: string } };
    expect(body.controller.name).toBe("Esimerkki Oy");
    expect(body.branding.accentColor).toBe("#7a1f5c");
    expect(res.headers.get("etag")).not.toBe(demoTag);
  });
});
