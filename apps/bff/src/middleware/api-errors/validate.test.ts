import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validate } from "./validate.ts";

const schema = z.object({ email: z.email("email_invalid"), age: z.number().int() });
const app = new Hono().post("/", validate("json", schema), (c) => c.json({ got: c.req.valid("json") }, 200));
const post = (body: unknown) =>
  app.request("/", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("validate", () => {
  it("hands the route the parsed input", async () => {
    const res = await post({ email: "a@example.com", age: 3 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { email: "a@example.com", age: 3 } });
  });

  it("answers 400 with the domain's error codes, one per field, the first as the answer's code", async () => {
    const res = await post({ email: "not an address", age: "three" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "email_invalid",
        message: "Invalid json",
        fields: [
          { path: "email", code: "email_invalid" },
          // A type mismatch carries zod's own words, which are no error code: plain invalid input.
          { path: "age", code: "invalid_input" },
        ],
      },
    });
  });
});
