import { Hono } from "hono";
import type { PortalContext, PortalEnv } from "./context.ts";

// Placeholder mounted so parallel work can land without touching portal-app.ts; filled in this issue.
export function erasureRoutes({ requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>().use(requireCustomer);
}
