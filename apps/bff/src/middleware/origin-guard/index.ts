import { createMiddleware } from "hono/factory";
import { apiError } from "../../http/api-error.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type OriginGuardOptions = {
  /** The exact origin of the surface, e.g. `https://omat.example.fi`. */
  origin: string;
  /** Further exact origins accepted as the surface's own (the demo's loopback twin, env.ts acceptedOrigins). */
  alsoAccept?: readonly string[];
};

/**
 * Refuses state-changing requests that do not come from the surface's own origin.
 * Cookies do not isolate by port, so the portal and the staff surface each check their exact origin;
 * a request without `Origin` passes only when the browser vouches with `Sec-Fetch-Site: same-origin`.
 *
 * @example
 * app.use("/api/*", originGuard({ origin: env.portalOrigin }));
 */
export const originGuard = ({ origin, alsoAccept = [] }: OriginGuardOptions) => {
  const accepted = new Set([origin, ...alsoAccept]);
  return createMiddleware(async function originGuard(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const sent = c.req.header("origin");
    const sameOrigin = sent === undefined ? c.req.header("sec-fetch-site") === "same-origin" : accepted.has(sent);
    if (!sameOrigin) {
      return apiError(c, 403, "origin_mismatch", "Request origin not allowed");
    }
    return next();
  });
};
