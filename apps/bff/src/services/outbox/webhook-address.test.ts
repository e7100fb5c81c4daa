import { describe, expect, it } from "vitest";
import { addressesAllowed, isNonPublicAddress, parseWebhookAllow, urlHost } from "./webhook-address.ts";

describe("isNonPublicAddress", () => {
  it("flags loopback, private, link-local, CGNAT, unspecified and reserved addresses", () => {
    for (const a of [
      "127.0.0.1",
      "127.255.0.9",
      "10.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "100.127.255.254",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::",
      "::1",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "not-an-address",
    ])
      expect(isNonPublicAddress(a), a).toBe(true);
  });
  it("lets public addresses through", () => {
    for (const a of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])
      expect(isNonPublicAddress(a), a).toBe(false);
  });
});

describe("WEBHOOK_ALLOW", () => {
  it("allows a non-public address by CIDR (IPv4 and IPv6), by single address, or by exact host name", () => {
    const allow = parseWebhookAllow(["10.1.0.0/16", "fd00::/8", "192.168.5.5", "hooks.internal"]);
    expect(addressesAllowed("a.example", ["10.1.2.3"], allow)).toBe(true);
    expect(addressesAllowed("a.example", ["10.2.0.1"], allow)).toBe(false);
    expect(addressesAllowed("a.example", ["fd00::5"], allow)).toBe(true);
    expect(addressesAllowed("a.example", ["fe80::5"], allow)).toBe(false);
    expect(addressesAllowed("a.example", ["192.168.5.5"], allow)).toBe(true);
    expect(addressesAllowed("hooks.internal", ["127.0.0.1", "::1"], allow)).toBe(true);
    // Exact match only: a subdomain or a look-alike is not the allowed host.
    expect(addressesAllowed("x.hooks.internal", ["127.0.0.1"], allow)).toBe(false);
    expect(addressesAllowed("hooks.internal.evil.example", ["127.0.0.1"], allow)).toBe(false);
  });
  it("needs every resolved address to pass, and public addresses need no entry", () => {
    const none = parseWebhookAllow([]);
    expect(addressesAllowed("shop.example", ["93.184.216.34"], none)).toBe(true);
    expect(addressesAllowed("shop.example", ["93.184.216.34", "127.0.0.1"], none)).toBe(false);
    expect(addressesAllowed("shop.example", [], none)).toBe(false);
  });
  it("refuses a malformed entry instead of ignoring it", () => {
    expect(() => parseWebhookAllow(["10.0.0.0/33"])).toThrow(/CIDR/);
    expect(() => parseWebhookAllow(["nonsense/8"])).toThrow(/CIDR/);
    expect(() => parseWebhookAllow(["http://x"])).toThrow();
  });
  it("compares hosts as DNS does", () => {
    expect(urlHost(new URL("http://Hooks.Internal./x"))).toBe("hooks.internal");
    expect(urlHost(new URL("http://[::1]:8080/"))).toBe("::1");
  });
});
