import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { originGuard } from "./index.ts";

const ORIGIN = "https://omat.example.fi";
const app = new Hono()
  .use(originGuard({ origin: ORIGIN }))
  .get("/", (c) => c.text("read", 200))
  .post("/", (c) => c.text("written", 200));
const post = (headers: Record<string, string>) => app.request("/", { method: "POST", headers });

describe("originGuard", () => {
  it("lets reads through from anywhere", async () => {
    expect((await app.request("/", { headers: { origin: "https://evil.example" } })).status).toBe(200);
  });

  it("lets a write through from the surface's own origin, or same-origin by the browser's word", async () => {
    expect((await post({ origin: ORIGIN })).status).toBe(200);
    expect((await post({ "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("refuses a write from any other origin, a null origin, or without proof of where it came from", async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: "https://evil.example" },
      { origin: "https://omat.example.fi:8443" },
      { origin: "null" },
      { "sec-fetch-site": "same-site" },
      {},
    ]) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "origin_mismatch" } });
    }
  });
});
