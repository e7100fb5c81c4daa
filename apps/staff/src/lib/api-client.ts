import type { StaffApi } from "@tietoni/bff/staff-app";
import { hc } from "hono/client";

/** The typed client of the BFF's staff API; only its type comes from the BFF. */
export const api = hc<StaffApi>("/").api.staff;
