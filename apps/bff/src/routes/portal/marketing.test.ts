import { marketingPurposes } from "@tietoni/domain";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { marketingEvents, marketingObjections } from "../../db/schema.ts";
import { PORTAL_ORIGIN, withBothDemoCustomers } from "../../test/test-context.ts";

const { t, idA: A, idB: B, cookieA, cookieB } = await withBothDemoCustomers();

/** Parsing the answer checks its shape as well as typing it. */
const marketingAnswerSchema = z.object({
  objections: z.record(z.enum(marketingPurposes), z.boolean()),
  history: z.array(
    z.object({
      purpose: z.enum(marketingPurposes),
      from: z.boolean(),
      to: z.boolean(),
      at: z.iso.datetime(),
      channel: z.string(),
    }),
  ),
  gpc: z.boolean(),
});
const answer = async (res: Response) => marketingAnswerSchema.parse(await res.json());

const send = (method: string, url: string, cookie: string, body?: unknown, headers: Record<string, string> = {}) =>
  t.portal.request(url, {
    method,
    headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, cookie, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const getMarketing = (cookie: string, headers: Record<string, string> = {}) =>
  t.portal.request("/api/portal/marketing", { headers: { cookie, ...headers } });

const eventRows = async (customerId?: string) =>
  (
    await t.db
      .select({ n: count() })
      .from(marketingEvents)
      .where(customerId ? eq(marketingEvents.customerId, customerId) : undefined)
      .get()
  )?.n ?? 0;
const objectionRows = async () => (await t.db.select({ n: count() }).from(marketingObjections).get())?.n ?? 0;

describe("marketing objections", () => {
  it("starts with no objections and no history", async () => {
    const res = await getMarketing(cookieA);
    expect(res.status).toBe(200);
    const body = await answer(res);
    expect(body.gpc).toBe(false);
    expect(body.history).toEqual([]);
    expect(Object.keys(body.objections).sort()).toEqual([...marketingPurposes].sort());
    expect(Object.values(body.objections).every((v) => v === false)).toBe(true);
  });

  it("sets switches at once and keeps one event per real change", async () => {
    const res = await send("PUT", "/api/portal/marketing", cookieA, {
      changes: [
        { purpose: "directAdvertising", objected: true },
        { purpose: "listPublication", objected: true },
        { purpose: "opinionPolls", objected: false },
      ],
    });
    expect(res.status).toBe(200);
    const body = await answer(res);
    expect(body.objections).toMatchObject({ directAdvertising: true, listPublication: true, opinionPolls: false });
    expect(body.history).toHaveLength(2);
    for (const e of body.history) {
      expect(e).toMatchObject({ from: false, to: true, channel: "portal", at: "2026-11-25T10:00:00.000Z" });
    }
    expect(body.history.map((e) => e.purpose).sort()).toEqual(["directAdvertising", "listPublication"]);

    const before = await eventRows(A);
    const again = await send("PUT", "/api/portal/marketing", cookieA, {
      changes: [{ purpose: "directAdvertising", objected: true }],
    });
    expect(again.status).toBe(200);
    expect(await eventRows(A)).toBe(before);
  });

  it("records a withdrawal as old → new, newest first", async () => {
    t.advance(60_000);
    const res = await send("PUT", "/api/portal/marketing", cookieA, {
      changes: [{ purpose: "directAdvertising", objected: false }],
    });
    const body = await answer(res);
    expect(body.objections.directAdvertising).toBe(false);
    expect(body.history[0]).toMatchObject({ purpose: "directAdvertising", from: true, to: false, channel: "portal" });
    expect(Date.parse(body.history[0]?.at ?? "")).toBeGreaterThan(Date.parse(body.history[1]?.at ?? ""));
  });

  it("objects to everything with one action, recording only the switches that change", async () => {
    const before = await eventRows(A);
    const res = await t.postPortal("/api/portal/marketing/object-all", {}, cookieA);
    expect(res.status).toBe(200);
    const body = await answer(res);
    expect(Object.values(body.objections).every((v) => v === true)).toBe(true);
    // listPublication was already objected: six purposes change.
    expect((await eventRows(A)) - before).toBe(marketingPurposes.length - 1);
    const again = await t.postPortal("/api/portal/marketing/object-all", {}, cookieA);
    expect(again.status).toBe(200);
    expect((await eventRows(A)) - before).toBe(marketingPurposes.length - 1);
  });

  it("never shows one customer another's objections or history", async () => {
    const bBefore = await getMarketing(cookieB);
    const b = await answer(bBefore);
    expect(b.history).toEqual([]);
    expect(Object.values(b.objections).every((v) => v === false)).toBe(true);

    await send("PUT", "/api/portal/marketing", cookieB, { changes: [{ purpose: "marketResearch", objected: true }] });
    const aEvents = await eventRows(A);
    const a = await answer(await getMarketing(cookieA));
    expect(a.history).toHaveLength(aEvents);
    const bAfter = await answer(await getMarketing(cookieB));
    expect(bAfter.history).toHaveLength(1);
    expect(bAfter.objections).toMatchObject({ marketResearch: true, directAdvertising: false });
    expect(await eventRows(B)).toBe(1);
  });

  it("rejects malformed changes with a clear code and changes nothing", async () => {
    const events = await eventRows();
    const objections = await objectionRows();
    const cases: [unknown, string][] = [
      [{ changes: [] }, "required"],
      [{ changes: [{ purpose: "telepathy", objected: true }] }, "invalid_input"],
      [{ changes: [{ purpose: "directAdvertising", objected: "yes" }] }, "invalid_input"],
      [{ changes: Array.from({ length: 8 }, () => ({ purpose: "directAdvertising", objected: false })) }, "too_long"],
      [{}, "invalid_input"],
    ];
    for (const [body, code] of cases) {
      const res = await send("PUT", "/api/portal/marketing", cookieB, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code } });
    }
    const notJson = await t.portal.request("/api/portal/marketing", {
      method: "PUT",
      headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, cookie: cookieB },
      body: "{nope",
    });
    expect(notJson.status).toBe(400);
    expect(await eventRows()).toBe(events);
    expect(await objectionRows()).toBe(objections);
  });

  it("requires a session and the portal's own origin", async () => {
    expect((await t.portal.request("/api/portal/marketing")).status).toBe(401);
    const events = await eventRows();
    const foreign = await t.portal.request("/api/portal/marketing/object-all", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example", cookie: cookieB },
      body: "{}",
    });
    expect(foreign.status).toBe(403);
    expect(await eventRows()).toBe(events);
  });
});

describe("Global Privacy Control", () => {
  let cookieC: string;
  const C = "c0000003";
  beforeAll(async () => {
    cookieC = await t.signInCustomer("perinta@example.com");
  });

  it("treats Sec-GPC: 1 as an objection to all marketing, recorded once with channel gpc", async () => {
    const res = await getMarketing(cookieC, { "sec-gpc": "1" });
    expect(res.status).toBe(200);
    const body = await answer(res);
    expect(body.gpc).toBe(true);
    expect(Object.values(body.objections).every((v) => v === true)).toBe(true);
    expect(body.history).toHaveLength(marketingPurposes.length);
    expect(body.history.every((e) => e.channel === "gpc" && !e.from && e.to)).toBe(true);

    const second = await getMarketing(cookieC, { "sec-gpc": "1" });
    const again = await answer(second);
    expect(again.history).toHaveLength(marketingPurposes.length);
    expect(await eventRows(C)).toBe(marketingPurposes.length);
  });

  it("respects an explicit withdrawal in the portal, even on later GETs with the signal, until the next sign-in", async () => {
    t.advance(1000);
    const put = await send(
      "PUT",
      "/api/portal/marketing",
      cookieC,
      { changes: [{ purpose: "personalisedContent", objected: false }] },
      { "sec-gpc": "1" },
    );
    const withdrawn = await answer(put);
    expect(withdrawn.gpc).toBe(true);
    expect(withdrawn.objections.personalisedContent).toBe(false);
    expect(withdrawn.history[0]).toMatchObject({ purpose: "personalisedContent", channel: "portal", to: false });

    const withoutSignal = await answer(await getMarketing(cookieC));
    expect(withoutSignal.gpc).toBe(false);
    expect(withoutSignal.objections.personalisedContent).toBe(false);

    t.advance(1000);
    const withSignal = await answer(await getMarketing(cookieC, { "sec-gpc": "1" }));
    expect(withSignal.gpc).toBe(true);
    expect(withSignal.objections.personalisedContent).toBe(false);
    expect(withSignal.history[0]).toMatchObject({ purpose: "personalisedContent", channel: "portal", to: false });

    t.advance(1000);
    await t.postPortal("/api/portal/auth/request-code", { email: "perinta@example.com" });
    const signIn = await t.portal.request("/api/portal/auth/verify-code", {
      method: "POST",
      headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, "sec-gpc": "1" },
      body: JSON.stringify({ email: "perinta@example.com", code: t.lastCodeFor("perinta@example.com") }),
    });
    const renewed = await answer(await getMarketing(t.cookieFrom(signIn), { "sec-gpc": "1" }));
    expect(renewed.objections.personalisedContent).toBe(true);
    expect(renewed.history[0]).toMatchObject({ purpose: "personalisedContent", channel: "gpc", from: false, to: true });
  });

  it("ignores other values of the header", async () => {
    const cookie = await t.signInCustomer("paattynyt@example.com");
    const body = await answer(await getMarketing(cookie, { "sec-gpc": "0" }));
    expect(body.gpc).toBe(false);
    expect(body.history).toEqual([]);
  });

  it("applies the signal at sign-in", async () => {
    const email = "yhteyshenkilo@example.com";
    await t.postPortal("/api/portal/auth/request-code", { email });
    const before = await eventRows(B);
    const res = await t.portal.request("/api/portal/auth/verify-code", {
      method: "POST",
      headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, "sec-gpc": "1" },
      body: JSON.stringify({ email, code: t.lastCodeFor(email) }),
    });
    expect(res.status).toBe(200);
    // B had objected to market research already: the other six change.
    expect((await eventRows(B)) - before).toBe(marketingPurposes.length - 1);
    const gpcEvents = await t.db.select().from(marketingEvents).where(eq(marketingEvents.customerId, B)).all();
    expect(gpcEvents.filter((e) => e.channel === "gpc")).toHaveLength(marketingPurposes.length - 1);
  });
});
