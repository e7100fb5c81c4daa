import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../env.ts";
import { newWebhookSecret } from "../webhook-endpoints.ts";
import { postTo, signedRequest } from "./webhook-delivery.ts";

/*
 * examples/webhook-receiver/receiver.mjs checks signatures without a library: this proves its check accepts what the
 * BFF signs (with the standardwebhooks library) and refuses a forgery, and that it answers a redelivery with 2xx.
 */

const secret = newWebhookSecret();
let child: ChildProcess;
let url: URL;
let output = "";

beforeAll(async () => {
  child = spawn(process.execPath, [path.join(repoRoot, "examples/webhook-receiver/receiver.mjs")], {
    env: { ...process.env, WEBHOOK_SECRET: secret, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout?.on("data", (c: Buffer) => {
    output += c.toString("utf8");
  });
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the receiver did not start")), 10_000);
    child.stdout?.on("data", () => {
      const found = /127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  url = new URL(`http://127.0.0.1:${port}/`);
});
afterAll(() => {
  child.kill();
});

const body = {
  type: "customer.marketing_objections_changed",
  timestamp: new Date().toISOString(),
  data: { customer: { id: "c0000001", externalId: "crm-1" } },
};

describe("the example webhook receiver", () => {
  it("accepts a delivery the BFF signed, refuses a forged one, and answers a redelivery with 2xx", async () => {
    const delivery = { id: "msg_example1", body };
    expect(await postTo(url, "127.0.0.1", signedRequest(delivery, secret, new Date()), 5_000)).toEqual({ ok: true });
    expect(await postTo(url, "127.0.0.1", signedRequest(delivery, secret, new Date()), 5_000)).toEqual({ ok: true });
    const forged = signedRequest(delivery, newWebhookSecret(), new Date());
    expect(await postTo(url, "127.0.0.1", forged, 5_000)).toEqual({ ok: false, permanent: true, reason: "http_401" });
    const stale = signedRequest(delivery, secret, new Date(Date.now() - 10 * 60_000));
    expect((await postTo(url, "127.0.0.1", stale, 5_000)).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain("msg_example1 customer.marketing_objections_changed customer c0000001");
    expect(output).toContain("msg_example1 again (a redelivery)");
    expect(output).toContain("refused a delivery that did not verify");
  });
});
