import { eq } from "drizzle-orm";
import { Hono } from "hono";
import type { StaffSubject } from "./auth/permissions.ts";
import { createSessionStore } from "./auth/session-store.ts";
import { staffUsers } from "./db/schema.ts";
import type { Deps } from "./deps.ts";
import { sessionCookieName } from "./http/session-cookie.ts";
import { sessionAuth } from "./middleware/session-auth/index.ts";
import { staffAuthRoutes } from "./routes/staff/auth.ts";
import { staffCustomerRoutes } from "./routes/staff/customers.ts";
import { createSurface } from "./surface.ts";

/** The staff API, `/api/staff/*`, on its own listener, cookie and session table. */
export function createStaffApi(deps: Deps) {
  const sessions = createSessionStore(
    deps.db,
    { table: "staff_sessions", subject: "staff_user_id" },
    deps.env.sessionPolicy,
  );
  const requireStaff = sessionAuth<StaffSubject>({
    store: sessions,
    cookieName: sessionCookieName(deps.env, "staff"),
    // A disabled account or a withdrawn confidentiality commitment ends its sessions at once.
    load: (id) => {
      const user = deps.db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
      if (!user || user.disabledAt !== null || user.confidentialitySignedOn === null) return null;
      return { id: user.id, username: user.username, displayName: user.displayName, role: user.role };
    },
    now: deps.now,
  });
  return new Hono()
    .basePath("/api/staff")
    .route("/auth", staffAuthRoutes(deps, sessions, requireStaff))
    .route("/customers", staffCustomerRoutes(deps, requireStaff));
}

export type StaffApi = ReturnType<typeof createStaffApi>;

/** The staff listener: SPA + API on the staff origin (loopback by default). */
export function createStaffApp(deps: Deps) {
  return createSurface({
    name: "staff",
    origin: deps.env.staffOrigin,
    production: deps.env.production,
    staticDir: deps.env.staticDirStaff,
    api: createStaffApi(deps),
  });
}
