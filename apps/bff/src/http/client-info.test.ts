import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginCodeRequest, customerSignInLimits } from "../auth/sign-in-limits.ts";
import { parseEnv } from "../env.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { clientAddress, clientInfo, normaliseIp, rateLimitAddress } from "./client-info.ts";

/** What the app sees as the client's address behind `proxies` proxies, for a request with this X-Forwarded-For. */
async function seenAddress(proxies: number, forwardedFor?: string) {
  const app = new Hono().get("/", (c) => c.json(clientInfo(c, proxies)));
  const res = await app.request(
    "/",
    forwardedFor === undefined ? {} : { headers: { "x-forwarded-for": forwardedFor } },
  );
  return ((await res.json()) as { ip: string | null }).ip;
}

describe("the client's address behind a proxy", () => {
  it("ignores the entries a client writes itself: the spoofed leftmost entry is never taken", async () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; our one proxy appended the address it really came from.
    expect(await seenAddress(1, "1.2.3.4, 198.51.100.7")).toBe("198.51.100.7");
    expect(await seenAddress(1, "1.2.3.4,198.51.100.7")).toBe("198.51.100.7");
  });

  it("counts the configured number of trusted hops from the right", async () => {
    // client-chosen, the client as our outer proxy saw it, our outer proxy as our inner proxy saw it.
    const header = "10.9.9.9, 203.0.113.5, 192.168.0.2";
    expect(await seenAddress(1, header)).toBe("192.168.0.2");
    expect(await seenAddress(2, header)).toBe("203.0.113.5");
    expect(await seenAddress(3, header)).toBe("10.9.9.9");
    // Fewer entries than proxies: the request did not pass all of them; the socket's address is used.
    expect(clientAddress("203.0.113.5", "192.168.0.9", 2)).toBe("192.168.0.9");
    // No proxy configured: the header is not read at all.
    expect(clientAddress("203.0.113.5", "192.168.0.9", 0)).toBe("192.168.0.9");
    expect(await seenAddress(0, "203.0.113.5")).toBeNull();
  });

  it("never trusts an entry that is not an IP address, falling back to the socket's address", () => {
    for (const garbage of [
      "",
      "unknown",
      "evil.example",
      "1.2.3",
      "1.2.3.4.5",
      "999.1.1.1",
      "<script>",
      "::g",
      "fe80::1%eth0",
    ])
      expect(clientAddress(`203.0.113.5, ${garbage}`, "192.168.0.9", 1), garbage).toBe("192.168.0.9");
    expect(clientAddress("", null, 1)).toBeNull();
  });

  it("reads the forms proxies write, and makes IPv4-mapped IPv6 plain IPv4", () => {
    expect(clientAddress("203.0.113.5:51234", null, 1)).toBe("203.0.113.5");
    expect(clientAddress("[2001:DB8::1]:443", null, 1)).toBe("2001:db8::1");
    expect(clientAddress("::ffff:203.0.113.5", null, 1)).toBe("203.0.113.5");
    // A dual-stack socket reports IPv4 clients this way.
    expect(clientAddress(undefined, "::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(normaliseIp("2001:0db8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
    expect(normaliseIp("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
  });
});

describe("rate limits count an IPv6 client by its /64", () => {
  it("groups the addresses of one /64 and keeps IPv4 as it is", () => {
    expect(rateLimitAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddress("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddress("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(rateLimitAddress("203.0.113.5")).toBe("203.0.113.5");
  });

  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it("refuses the next address of a /64 whose addresses used up the limit, not another /64", async () => {
    const now = t.env.sessionPolicy.idleTimeoutMs; // any fixed moment
    const max = customerSignInLimits.maxCodeRequestsPerAddress;
    for (let i = 1; i <= max; i++) {
      // A fresh e-mail and a fresh address of the same /64 each time: only the address limit can refuse.
      const ok = await beginCodeRequest(
        t.db,
        { email: `v6-${i}@example.com`, ip: `2001:db8:1:2::${i.toString(16)}` },
        now,
      );
      expect(ok, `request ${i}`).toBe(true);
    }
    expect(await beginCodeRequest(t.db, { email: "v6-next@example.com", ip: "2001:db8:1:2:ffff::1" }, now)).toBe(false);
    expect(await beginCodeRequest(t.db, { email: "v6-other@example.com", ip: "2001:db8:1:3::1" }, now)).toBe(true);
  });
});

describe("TRUST_PROXY", () => {
  it("is the number of proxies, with false and true kept as 0 and 1", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow(
      /TRUST_PROXY: TRUST_PROXY must be false, true or the number/,
    );
    expect(() => parseEnv({ TRUST_PROXY: "11" })).toThrow(/TRUST_PROXY/);
  });
});
