import { isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

export type ClientInfo = { ip: string | null; userAgent: string | null };

/**
 * Who is calling: the client's address (see `clientAddress`) and the browser's user agent. Requests made in tests
 * through app.request() have no socket.
 *
 * `trustedProxies` is TRUST_PROXY: how many proxies of our own stand in front of the app (0 = none, the socket's
 * address is the client's).
 */
export function clientInfo(c: Context, trustedProxies: number): ClientInfo {
  const userAgent = c.req.header("user-agent")?.slice(0, 300) ?? null;
  let socket: string | null = null;
  try {
    socket = getConnInfo(c).remote.address ?? null;
  } catch {
    // No socket (app.request() in tests).
  }
  return { ip: clientAddress(c.req.header("x-forwarded-for"), socket, trustedProxies), userAgent };
}

/**
 * The client's address behind `trustedProxies` proxies of our own. Each proxy appends the address it was called
 * from to X-Forwarded-For, so only the rightmost `trustedProxies` entries were written by our proxies; everything
 * to their left was sent by the client and may be anything. The entry `trustedProxies` places from the right is the
 * address our outermost proxy saw: that is the client. The leftmost entry, which the old code took, is whatever the
 * client chose to send.
 *
 * Anything that is not exactly one IP address (a name, garbage, a missing entry because the request did not pass
 * every proxy) falls back to the socket's address: a wrong value is never trusted. IPv4-mapped IPv6 addresses
 * (`::ffff:192.0.2.1`, what a dual-stack socket reports) become plain IPv4, so one client has one address.
 */
export function clientAddress(
  forwardedFor: string | undefined,
  socketAddress: string | null,
  trustedProxies: number,
): string | null {
  const socket = socketAddress === null ? null : normaliseIp(socketAddress);
  if (trustedProxies <= 0 || forwardedFor === undefined) return socket;
  const entries = forwardedFor.split(",").map((e) => e.trim());
  const entry = entries[entries.length - trustedProxies];
  if (entry === undefined) return socket;
  return normaliseIp(entry) ?? socket;
}

/**
 * One IP address in its canonical form, or null when `value` is not one. Accepts what proxies write in
 * X-Forwarded-For: `192.0.2.1`, `192.0.2.1:8080`, `2001:db8::1`, `[2001:db8::1]`, `[2001:db8::1]:8080`.
 */
export function normaliseIp(value: string): string | null {
  let ip = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(ip);
  if (bracketed?.[1]) ip = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(ip)) ip = ip.slice(0, ip.indexOf(":"));
  const version = isIP(ip);
  if (version === 4) return ip;
  if (version !== 6) return null;
  // A zone index (fe80::1%eth0) names an interface of the proxy's host, not the client's address.
  if (ip.includes("%")) return null;
  const groups = ipv6Groups(ip);
  if (!groups) return null;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] ?? 0, groups[7] ?? 0].flatMap((g) => [g >> 8, g & 0xff]).join(".");
  return compressIpv6(groups);
}

/**
 * The address a rate limit counts: an IPv4 address as it is, an IPv6 address as its /64 network. One subscriber
 * usually gets a whole /64 (often more), so counting single IPv6 addresses would give an attacker 2^64 fresh
 * counters; the stored and shown address stays the full one.
 */
export function rateLimitAddress(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const groups = ipv6Groups(ip);
  if (!groups) return ip;
  return `${compressIpv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (with `::` expanded and an IPv4 tail converted). */
function ipv6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail, ...rest] = text.split("::");
  if (rest.length > 0 || head === undefined) return null;
  const part = (s: string) => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<number>(tail === undefined ? 0 : missing).fill(0), ...right];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** RFC 5952 text: lower-case, no leading zeros, the longest run of two or more zero groups as `::`. */
function compressIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}
