import { BlockList, isIP } from "node:net";

/*
 * Server-side request forgery guard of webhook deliveries (issue 13). An admin types an endpoint's URL; without a
 * guard it could point the BFF at the database admin on loopback, a cloud metadata service on 169.254.169.254 or
 * anything else on the company's inner network. So every address a host resolves to is checked at every delivery:
 * a non-public one needs the host (or the address) to be listed in WEBHOOK_ALLOW. The ranges are matched with
 * node:net's BlockList, which matches IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) against the IPv4 ranges (and
 * would match every IPv4 address against ::ffff:0:0/96, which is why that range is not listed).
 */

/** Addresses that are not on the public internet: loopback, private, link-local, CGNAT, reserved, multicast. */
const NON_PUBLIC: readonly [string, number, "ipv4" | "ipv6"][] = [
  ["0.0.0.0", 8, "ipv4"], // "this network", 0.0.0.0 reaches the host itself
  ["10.0.0.0", 8, "ipv4"], // RFC 1918
  ["100.64.0.0", 10, "ipv4"], // carrier-grade NAT (RFC 6598)
  ["127.0.0.0", 8, "ipv4"], // loopback
  ["169.254.0.0", 16, "ipv4"], // link-local, cloud metadata services
  ["172.16.0.0", 12, "ipv4"], // RFC 1918
  ["192.0.0.0", 24, "ipv4"], // IETF protocol assignments
  ["192.0.2.0", 24, "ipv4"], // documentation
  ["192.88.99.0", 24, "ipv4"], // 6to4 relay anycast
  ["192.168.0.0", 16, "ipv4"], // RFC 1918
  ["198.18.0.0", 15, "ipv4"], // benchmarking
  ["198.51.100.0", 24, "ipv4"], // documentation
  ["203.0.113.0", 24, "ipv4"], // documentation
  ["224.0.0.0", 4, "ipv4"], // multicast
  ["240.0.0.0", 4, "ipv4"], // reserved, broadcast
  ["::", 128, "ipv6"], // unspecified
  ["::1", 128, "ipv6"], // loopback
  ["64:ff9b::", 96, "ipv6"], // NAT64: may translate to a private IPv4 address
  ["100::", 64, "ipv6"], // discard
  ["2001::", 32, "ipv6"], // Teredo: embeds an IPv4 address
  ["2001:db8::", 32, "ipv6"], // documentation
  ["2002::", 16, "ipv6"], // 6to4: embeds an IPv4 address
  ["fc00::", 7, "ipv6"], // unique local
  ["fe80::", 10, "ipv6"], // link-local
  ["fec0::", 10, "ipv6"], // site-local (deprecated)
  ["ff00::", 8, "ipv6"], // multicast
];

const nonPublic = new BlockList();
for (const [net, prefix, type] of NON_PUBLIC) nonPublic.addSubnet(net, prefix, type);

const family = (address: string): "ipv4" | "ipv6" | null => {
  const v = isIP(address);
  return v === 4 ? "ipv4" : v === 6 ? "ipv6" : null;
};

/** True when `address` (an IP literal) is not a public internet address. Anything unparsable counts as non-public. */
export function isNonPublicAddress(address: string): boolean {
  const type = family(address);
  return type === null || nonPublic.check(address, type);
}

/** WEBHOOK_ALLOW parsed: CIDRs and single addresses in a BlockList, host names as an exact-match set. */
export type WebhookAllowList = { addresses: BlockList; hosts: ReadonlySet<string> };

/**
 * Parses the entries of WEBHOOK_ALLOW (`env.webhookAllow`): `10.1.2.0/24`, `fd00::/8`, `127.0.0.1`, `::1` or a host
 * name such as `hooks.internal`. An entry that is none of these throws, so a typo stops the start-up instead of
 * silently refusing every delivery.
 */
export function parseWebhookAllow(entries: readonly string[]): WebhookAllowList {
  const addresses = new BlockList();
  const hosts = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    const slash = entry.indexOf("/");
    if (slash >= 0) {
      const net = entry.slice(0, slash);
      const prefixText = entry.slice(slash + 1);
      const type = family(net);
      const prefix = Number(prefixText);
      const max = type === "ipv4" ? 32 : 128;
      if (type === null || !/^\d{1,3}$/.test(prefixText) || prefix > max)
        throw new Error(`WEBHOOK_ALLOW: "${raw}" is not a CIDR`);
      addresses.addSubnet(net, prefix, type);
    } else {
      const type = family(entry);
      if (type) addresses.addAddress(entry, type);
      else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(entry))
        hosts.add(entry.replace(/\.$/, ""));
      else throw new Error(`WEBHOOK_ALLOW: "${raw}" is neither a CIDR, an address nor a host name`);
    }
  }
  return { addresses, hosts };
}

/** The URL's host as DNS and WEBHOOK_ALLOW see it: lower case, no trailing dot, IPv6 without brackets. */
export function urlHost(url: URL): string {
  return url.hostname
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
}

/**
 * Whether a delivery to `host` may connect to these resolved addresses: each public one may; a non-public one only
 * when the host name or that address is allowed. Every address must pass, so a host answering with one public and
 * one private address cannot slip through on the public one.
 */
export function addressesAllowed(host: string, addresses: readonly string[], allow: WebhookAllowList): boolean {
  if (addresses.length === 0) return false;
  return addresses.every((address) => {
    if (!isNonPublicAddress(address)) return true;
    if (allow.hosts.has(host)) return true;
    const type = family(address);
    return type !== null && allow.addresses.check(address, type);
  });
}
