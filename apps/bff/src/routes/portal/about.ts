import type { PortalStorageFacts } from "@tietoni/domain";
import { Hono } from "hono";
import { sessionCookieName } from "../../http/session-cookie.ts";
import type { PortalContext } from "./context.ts";

/**
 * What the About page needs from this installation, before anyone signs in: the session cookie's name and the
 * session lifetimes as configured (SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_MINUTES), so the page's statement of what
 * the portal stores is true of this portal, not of the defaults. Settings only; nothing about anyone.
 */
export function aboutRoutes({ env }: PortalContext) {
  const facts: PortalStorageFacts = {
    cookieName: sessionCookieName(env, "portal"),
    idleMinutes: Math.round(env.sessionPolicy.idleTimeoutMs / 60_000),
    absoluteMinutes: Math.round(env.sessionPolicy.absoluteLifetimeMs / 60_000),
  };
  return new Hono().get("/storage", (c) => c.json(facts, 200));
}
