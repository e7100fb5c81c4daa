import type { PortalApi } from "@tietoni/bff/portal-app";
import { hc } from "hono/client";

/**
 * The typed client of the BFF's customer API. Only the type crosses from the BFF: no server code
 * reaches the browser bundle. Same-origin, so the session cookie travels by itself.
 */
export const api = hc<PortalApi>("/").api.portal;
