import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

export type ClientInfo = { ip: string | null; userAgent: string | null };

/**
 * Who is calling: the socket's address (or the proxy's X-Forwarded-For when TRUST_PROXY is set)
 * and the browser's user agent. Requests made in tests through app.request() have no socket.
 */
export function clientInfo(c: Context, trustProxy: boolean): ClientInfo {
  const userAgent = c.req.header("user-agent")?.slice(0, 300) ?? null;
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return { ip: forwarded, userAgent };
  }
  try {
    return { ip: getConnInfo(c).remote.address ?? null, userAgent };
  } catch {
    return { ip: null, userAgent };
  }
}
