import { Hono } from "hono";
import type { StaffContext, StaffEnv } from "./context.ts";

// Placeholder mounted so parallel work can land without touching staff-app.ts; filled in this issue.
export function dataOperationsRoutes({ requireStaff }: StaffContext) {
  return new Hono<StaffEnv>().use(requireStaff);
}
