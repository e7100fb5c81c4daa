import { defaultPortalStorageFacts, type PortalStorageFacts, portalStorageStatement } from "@tietoni/domain";
import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

let t: TestContext | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const storageOf = async (context: TestContext): Promise<PortalStorageFacts> => {
  const res = await context.portal.request("/api/portal/about/storage");
  expect(res.status).toBe(200);
  return (await res.json()) as PortalStorageFacts;
};

/*
 * Issue 11 item 4: the About page says what the portal stores and for how long. It said the defaults, whatever an
 * operator had set; it now says this installation's settings.
 */
describe("the portal's statement of what it stores", () => {
  it("gives the running installation's cookie name and session lifetimes, without signing in", async () => {
    t = await createTestContext({ SESSION_IDLE_MINUTES: "15", SESSION_ABSOLUTE_MINUTES: "90" });
    const facts = await storageOf(t);
    expect(facts).toEqual({ cookieName: "tietoni-portal", idleMinutes: 15, absoluteMinutes: 90 });
    const [cookie] = portalStorageStatement(facts).items;
    expect(cookie?.en).toContain("at the latest 90 minutes after you signed in, or after 15 minutes without use");
    expect(cookie?.fi).toContain("viimeistään 90 minuutin kuluttua kirjautumisesta tai 15 minuutin");
  });

  it("matches the defaults the page shows before it has read them", async () => {
    t = await createTestContext();
    expect({ ...(await storageOf(t)), cookieName: defaultPortalStorageFacts.cookieName }).toEqual(
      defaultPortalStorageFacts,
    );
    expect(portalStorageStatement(defaultPortalStorageFacts).items[0]?.en).toContain(
      "at the latest 12 hours after you signed in, or after 30 minutes without use",
    );
  });
});
