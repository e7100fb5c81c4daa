import { Hono } from "hono";
import { createSessionStore } from "./auth/session-store.ts";
import type { Deps } from "./deps.ts";
import { sessionCookieName } from "./http/session-cookie.ts";
import { sessionAuth } from "./middleware/session-auth/index.ts";
import { noticeRoutes } from "./routes/notice.ts";
import { aboutRoutes } from "./routes/portal/about.ts";
import { portalAuthRoutes } from "./routes/portal/auth.ts";
import { contactRoutes } from "./routes/portal/contact.ts";
import type { PortalContext } from "./routes/portal/context.ts";
import { disclosureRoutes } from "./routes/portal/disclosures.ts";
import { emailChangeUndoRoutes } from "./routes/portal/email-change-undo.ts";
import { erasureRoutes } from "./routes/portal/erasure.ts";
import { exportRoutes } from "./routes/portal/export.ts";
import { marketingRoutes } from "./routes/portal/marketing.ts";
import { myDataRoutes } from "./routes/portal/my-data.ts";
import { noticeChangeRoutes } from "./routes/portal/notice-change.ts";
import { recipientNotificationRoutes } from "./routes/portal/recipient-notifications.ts";
import { requestsRoutes } from "./routes/portal/requests.ts";
import { sessionsRoutes } from "./routes/portal/sessions.ts";
import { findActiveCustomer } from "./services/customer-record.ts";
import { createSurface } from "./surface.ts";

export type { PortalCustomer } from "./routes/portal/context.ts";

/** The customers' session store and the guard every signed-in portal route sits behind. */
export function createPortalSessionGuard(deps: Deps) {
  const sessions = createSessionStore(
    deps.db,
    { table: "customer_sessions", subject: "customer_id" },
    deps.env.sessionPolicy,
  );
  const requireCustomer = sessionAuth({
    store: sessions,
    cookieName: sessionCookieName(deps.env, "portal"),
    load: async (r, id) => (await findActiveCustomer(r, id)) ?? null,
    now: deps.now,
  });
  return { sessions, requireCustomer };
}

/** The customer API, `/api/portal/*`. Its type is what the portal's typed client is built from. */
export function createPortalApi(deps: Deps) {
  const ctx: PortalContext = { ...deps, ...createPortalSessionGuard(deps) };
  return (
    new Hono()
      .basePath("/api/portal")
      .route("/auth", portalAuthRoutes(ctx))
      .route("/about", aboutRoutes(ctx))
      // Issue 15 A: the privacy notice the apps render (controller, branding, every notice text), public.
      .route("/notice", noticeRoutes())
      .route("/my-data", myDataRoutes(ctx))
      // Issue 13: who received my data, and which recipients were told of a change.
      .route("/disclosures", disclosureRoutes(ctx))
      .route("/export", exportRoutes(ctx))
      .route("/marketing", marketingRoutes(ctx))
      .route("/contact", contactRoutes(ctx))
      .route("/email-change", emailChangeUndoRoutes(ctx))
      .route("/sessions", sessionsRoutes(ctx))
      .route("/requests", requestsRoutes(ctx))
      .route("/erasure", erasureRoutes(ctx))
      .route("/recipient-notifications", recipientNotificationRoutes(ctx))
      // Issue 15 B: the notice changed since the customer last saw it.
      .route("/notice-change", noticeChangeRoutes(ctx))
  );
}

export type PortalApi = ReturnType<typeof createPortalApi>;

/** The customer listener: SPA + API on the portal's own origin (the benchmarks mount their own API in it). */
export function createPortalApp(deps: Deps, api: Parameters<typeof createSurface>[0]["api"] = createPortalApi(deps)) {
  return createSurface({
    name: "portal",
    origin: deps.env.portalOrigin,
    alsoAcceptOrigins: deps.env.portalOrigins,
    production: deps.env.production,
    staticDir: deps.env.staticDirPortal,
    api,
    database: deps.db,
    readiness: deps.readiness,
  });
}
