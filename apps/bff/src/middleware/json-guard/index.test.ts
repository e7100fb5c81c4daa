import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { jsonGuard } from "./index.ts";

const app = new Hono().use(jsonGuard()).post("/", async (c) => c.json({ got: await c.req.json() }, 200));
const post = (body: string, type = "application/json") =>
  app.request("/", { method: "POST", headers: { "content-type": type }, body });

describe("jsonGuard", () => {
  it("passes well-formed JSON through, readable again by the route", async () => {
    const res = await post(JSON.stringify({ a: [1, { b: "c" }] }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { a: [1, { b: "c" }] } });
  });

  it("refuses form and text bodies, as a cross-site form would send them", async () => {
    expect((await post("email=a@example.com", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post('{"email":"a@example.com"}', "text/plain")).status).toBe(415);
  });

  it("refuses prototype-polluting keys at any depth", async () => {
    for (const body of [
      '{"__proto__":{"admin":true}}',
      '{"a":{"constructor":{"prototype":{}}}}',
      '[{"__proto__":1}]',
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "invalid_input" } });
    }
  });

  it("refuses absurd nesting and malformed JSON", async () => {
    expect((await post("[".repeat(50) + "]".repeat(50))).status).toBe(400);
    expect((await post("{nope")).status).toBe(400);
  });
});
