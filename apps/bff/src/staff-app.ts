import { INTEGRATION_API_BASE } from "@tietoni/domain";
import { Hono } from "hono";
import { every } from "hono/combine";
import { refuseLimitedSession, type StaffSubject } from "./auth/permissions.ts";
import { createSessionStore } from "./auth/session-store.ts";
import type { Deps } from "./deps.ts";
import { sessionCookieName } from "./http/session-cookie.ts";
import { createIntegrationApi } from "./integration-app.ts";
import { sessionAuth } from "./middleware/session-auth/index.ts";
import { noticeRoutes } from "./routes/notice.ts";
import { accountsRoutes } from "./routes/staff/accounts.ts";
import { auditRoutes } from "./routes/staff/audit.ts";
import { auditExportRoutes } from "./routes/staff/audit-export.ts";
import { staffAuthRoutes } from "./routes/staff/auth.ts";
import type { StaffContext } from "./routes/staff/context.ts";
import { staffCustomerRoutes } from "./routes/staff/customers.ts";
import { dataOperationsRoutes } from "./routes/staff/data-operations.ts";
import { deliveriesRoutes } from "./routes/staff/deliveries.ts";
import { deskRoutes } from "./routes/staff/desk.ts";
import { staffDisclosureRoutes } from "./routes/staff/disclosures.ts";
import { fourEyesRoutes } from "./routes/staff/four-eyes.ts";
import { IMPORT_UPLOAD_PATH, importRoutes } from "./routes/staff/imports.ts";
import { inboundIssueRoutes } from "./routes/staff/inbound-issues.ts";
import { noticeCheckRoutes } from "./routes/staff/notice-check.ts";
import { recipientNotificationRoutes } from "./routes/staff/recipient-notifications.ts";
import { paperAccessRoutes, staffRecordRoutes } from "./routes/staff/record-keeping.ts";
import { approvalRoutes, recordKeeping2Routes } from "./routes/staff/record-keeping-2.ts";
import { requestStatisticsRoutes } from "./routes/staff/request-statistics.ts";
import { retentionRoutes } from "./routes/staff/retention.ts";
import { rolePolicyRoutes } from "./routes/staff/role-policies.ts";
import { systemsRoutes } from "./routes/staff/systems.ts";
import { webhookRoutes } from "./routes/staff/webhooks.ts";
import { loadStaffSubject } from "./services/staff-auth.ts";
import { createSurface } from "./surface.ts";

/** The staff API, `/api/staff/*`, on its own listener, cookie and session table. */
export function createStaffApi(deps: Deps) {
  const sessions = createSessionStore(
    deps.db,
    { table: "staff_sessions", subject: "staff_user_id" },
    deps.env.sessionPolicy,
  );
  const requireStaffSession = sessionAuth<StaffSubject>({
    store: sessions,
    cookieName: sessionCookieName(deps.env, "staff"),
    // A disabled account or a withdrawn confidentiality commitment ends its sessions at once.
    load: loadStaffSubject,
    now: deps.now,
  });
  // Every route but the few a limited session needs (a password to change, a second factor to enrol) refuses one.
  const requireStaff = every(requireStaffSession, refuseLimitedSession);
  const ctx: StaffContext = { ...deps, sessions, requireStaff, requireStaffSession };
  return (
    new Hono()
      .basePath("/api/staff")
      .route("/auth", staffAuthRoutes(ctx))
      // Issue 15 A: the privacy notice the app renders (controller, branding, categories and parties), public.
      .route("/notice", noticeRoutes())
      .route("/customers", staffCustomerRoutes(ctx))
      // Issue 13 C: the customer's disclosure log, and disclosures recorded by hand.
      .route("/customers", staffDisclosureRoutes(ctx))
      .route("/requests", deskRoutes(ctx))
      // Issue 12 E1: a paper requester's identity and the export sent to the address on record.
      .route("/requests", paperAccessRoutes(ctx))
      .route("/operations", dataOperationsRoutes(ctx))
      .route("/accounts", accountsRoutes(ctx))
      .route("/role-policies", rolePolicyRoutes(ctx))
      .route("/four-eyes", fourEyesRoutes(ctx))
      .route("/audit", auditRoutes(ctx))
      // Issue 14 G: the data-protection officer's seat — the trail exported with its checkpoints, request statistics.
      .route("/audit/export", auditExportRoutes(ctx))
      .route("/request-statistics", requestStatisticsRoutes(ctx))
      // Issue 15 B: the notice check (admins and the DPO).
      .route("/notice-check", noticeCheckRoutes(ctx))
      .route("/retention", retentionRoutes(ctx))
      .route("/systems", systemsRoutes(ctx))
      // Issue 13 B: connected systems' webhook endpoints (Standard Webhooks signing secrets, shown once).
      .route("/webhooks", webhookRoutes(ctx))
      // Issue 12 E1: create a customer, correct any field, record an objection taken by staff.
      .route("/records", staffRecordRoutes(ctx))
      // Issue 12 E2: holds, invoice states, role and relationship end; the four-eyes approvals.
      .route("/records", recordKeeping2Routes(ctx))
      .route("/approvals", approvalRoutes(ctx))
      // Issue 12 A: what connected systems sent that needs a person (conflicts, possible duplicates, erased).
      .route("/inbound-issues", inboundIssueRoutes(ctx))
      // Issue 12 B: file imports (the upload streams its body, see uploadPaths).
      .route("/imports", importRoutes(ctx))
      // Issue 13 D: Art. 19 — the parties still to tell of a correction, erasure or restriction.
      .route("/recipient-notifications", recipientNotificationRoutes(ctx))
      // Issue 13 A: the outbox's delivery log for admins, with retry and replay.
      .route("/deliveries", deliveriesRoutes(ctx))
  );
}

export type StaffApi = ReturnType<typeof createStaffApi>;

/**
 * The staff listener: SPA + API on the staff origin (loopback by default), and the integration API for connected
 * systems (bearer tokens only, issue 12), which stays internal with it.
 */
export function createStaffApp(deps: Deps) {
  return createSurface({
    name: "staff",
    origin: deps.env.staffOrigin,
    alsoAcceptOrigins: deps.env.staffOrigins,
    production: deps.env.production,
    staticDir: deps.env.staticDirStaff,
    api: createStaffApi(deps),
    bearerApi: { basePath: INTEGRATION_API_BASE, app: createIntegrationApi(deps) },
    database: deps.db,
    readiness: deps.readiness,
    uploadPaths: [IMPORT_UPLOAD_PATH],
  });
}
