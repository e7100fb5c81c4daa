import path from "node:path";
import { financialYearEndSchema } from "@tietoni/domain";
import { z } from "zod";
import { repoRoot } from "./paths.ts";

export { repoRoot };

const port = z.coerce.number().int().min(1).max(65535);
const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const minutes = z.coerce
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 30);

/**
 * TRUST_PROXY: how many proxies of our own stand between the clients and the app, each appending to
 * X-Forwarded-For (http/client-info.ts). `false`/`true` are kept from when it was a switch and mean 0 and 1.
 */
const PROXIES_MESSAGE = "TRUST_PROXY must be false, true or the number of your proxies in front of the app (0–10)";
const proxies = z
  .string()
  .trim()
  .regex(/^(false|true|\d{1,2})$/, PROXIES_MESSAGE)
  .transform((v) => (v === "false" ? 0 : v === "true" ? 1 : Number(v)))
  .refine((n) => n <= 10, PROXIES_MESSAGE);

/**
 * DEMO AND TEST ONLY: the key of the suppression list's keyed hashes when none is configured. It is public
 * (it is in the source), so production refuses to start without SUPPRESSION_KEY and refuses this value.
 */
export const DEMO_SUPPRESSION_KEY = "demo-only-suppression-key/never-use-in-production";

/**
 * DEMO AND TEST ONLY (issue 14 E): the audit trail's HMAC key and Ed25519 checkpoint signing key when none is
 * configured. Public (they are in the source), so production refuses to start without its own and refuses these.
 */
export const DEMO_AUDIT_HMAC_KEY = "demo-only-audit-hmac-key/never-use-in-production";
export const DEMO_AUDIT_SIGNING_KEY = "MC4CAQAwBQYDK2VwBCIEIAof00X8rJElRwISPdnu93a3AMSitq6mF0w8O2FH4Ej5";

/** DEMO ONLY (issue 15): the seed's notice (the demo controller); production names its own NOTICE_FILE. */
export const DEMO_NOTICE_FILE = "notices/mastermark.json";

/**
 * Issue 15 G: the origins a surface's writes are accepted from. Always its exact origin; in the demo (never in
 * production) a loopback origin also accepts its twin — `http://127.0.0.1:3000` beside `http://localhost:3000` — since
 * both reach the same listener and a newcomer types either. Session cookies are host-only, so each works on its own.
 */
export function acceptedOrigins(origin: string, loopbackTwins: boolean): string[] {
  if (!loopbackTwins) return [origin];
  const url = new URL(origin);
  const twin = url.hostname === "localhost" ? "127.0.0.1" : url.hostname === "127.0.0.1" ? "localhost" : null;
  if (twin === null) return [origin];
  url.hostname = twin;
  return [origin, url.origin];
}

/** The settings and their checks; the keys are listed (ENV_KEYS) so the deployment guide can be checked against them. */
const envShape = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORTAL_HOST: z.string().min(1).default("0.0.0.0"),
  PORTAL_PORT: port.default(3000),
  /** The staff surface stays on loopback unless configured, behind the firewall the notice promises. */
  STAFF_HOST: z.string().min(1).default("127.0.0.1"),
  STAFF_PORT: port.default(3001),
  /**
   * Issue 16: which listeners this process starts: `portal`, `staff` or both (`portal,staff`, the default). One BFF
   * per frontend runs a process with each; the integration API goes with `staff`.
   */
  SURFACES: z
    .string()
    .trim()
    .regex(/^(portal|staff)(\s*,\s*(portal|staff))?$/, "SURFACES must be portal, staff or portal,staff")
    .default("portal,staff"),
  /** Exact origins the browsers use; state-changing requests must come from them. */
  PORTAL_ORIGIN: z.url().optional(),
  STAFF_ORIGIN: z.url().optional(),
  DATABASE_PATH: z.string().min(1).default("var/tietoni.sqlite"),
  /**
   * Issue 16: `postgres://user:password@host:port/database` runs the register on PostgreSQL (several instances may
   * share it); unset, the embedded SQLite file DATABASE_PATH.
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  /** Issue 16: connections this instance keeps to PostgreSQL (one of them is the writer's while a write runs). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** Issue 16: the server cancels a statement after this many milliseconds (0: no limit). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /**
   * Issue 16: TLS to PostgreSQL: `disable`, `require` (encrypted, certificate unchecked) or `verify-full` (the
   * default in production: encrypted and the server's certificate checked, against DATABASE_SSL_CA when given).
   */
  DATABASE_SSL: z.enum(["disable", "require", "verify-full"]).optional(),
  DATABASE_SSL_CA: z.string().min(1).optional(),
  MAIL_DIR: z.string().min(1).default("var/mail"),
  SMTP_URL: z.url().optional(),
  /** Sender of every mail; without it, the controller's name and e-mail from the notice (_prod_: required). */
  MAIL_FROM: z.string().min(3).optional(),
  /**
   * Issue 15: the privacy notice file (JSON, docs/notice.md; format docs/notice.schema.json). The demo's is the
   * seed's notice; production names the controller's own.
   */
  NOTICE_FILE: z.string().min(1).optional(),
  /** Issue 15: `json` (one JSON object per line, the default in every mode) or `pretty` for a person at a terminal. */
  LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Issue 15: Prometheus metrics (`/metrics`) on this port, on METRICS_HOST only; unset: no metrics listener. */
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * Issue 15: state kept outside the database (the erasure journal that a restore replays); shared storage when
   * several instances serve one register.
   */
  STATE_DIR: z.string().min(1).default("var/state"),
  /** Issue 15: where `pnpm backup` writes when no `--to` is given, and how old a backup may grow before pruning. */
  BACKUP_DIR: z.string().min(1).default("var/backups"),
  BACKUP_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(35),
  /** Issue 15: on SIGTERM, in-flight requests and running exports get this long before the process closes. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /** Seeds the deterministic demo data set on first start. Never allowed in production. */
  DEMO: bool.optional(),
  SESSION_IDLE_MINUTES: minutes.default(30),
  SESSION_ABSOLUTE_MINUTES: minutes.default(12 * 60),
  /** Per-customer limits of the portal (anti-automation; services/requests.ts and services/marketing.ts). */
  LIMIT_REQUESTS_PER_DAY: z.coerce.number().int().min(1).max(1_000_000_000).default(10),
  LIMIT_MARKETING_WITHDRAWALS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000_000).default(30),
  /** A download whose reader takes no bytes this long is cut off, freeing its slot (services/export). */
  EXPORT_IDLE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  STATIC_DIR_PORTAL: z.string().default("apps/portal/dist"),
  STATIC_DIR_STAFF: z.string().default("apps/staff/dist"),
  /**
   * The number of proxies of our own in front of the app (0: none, the socket's address is the client's). The
   * client's address is taken that many entries from the right of X-Forwarded-For, never from the left.
   */
  TRUST_PROXY: proxies.default(0),
  /**
   * HMAC key of the suppression list (erased customers' lasting marketing objections). Keep it stable and
   * secret: a new key makes the old entries unmatchable, a leaked one lets addresses be tested against them.
   */
  SUPPRESSION_KEY: z.string().min(32, "SUPPRESSION_KEY must have at least 32 characters").optional(),
  /** Issue 12: the largest file the staff app's import page takes; larger files go through `pnpm data:import`. */
  IMPORT_MAX_UPLOAD_MIB: z.coerce.number().int().min(1).max(4096).default(200),
  /** Rows an import applies per transaction: small enough that the portal keeps answering between batches. */
  IMPORT_BATCH_ROWS: z.coerce.number().int().min(1).max(100_000).default(500),
  /** The integration API's default rate per client (a client's own setting overrides it). */
  API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** Issue 13: tries of one outbox row (mail or webhook) before it is dead; retries back off from 30 s to 6 h. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  /** How often the dispatcher looks for rows that are due (retries, and rows another process or a crash left). */
  OUTBOX_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /**
   * How long a try may hold an outbox row before another pass or process may take it: a try cut off by a crash
   * is retried after this. Keep it longer than one try (SMTP waits 15–30 s per step, a webhook WEBHOOK_TIMEOUT_SECONDS).
   */
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * Issue 13: webhook hosts allowed to resolve to a loopback, private or link-local address (server-side request
   * forgery): comma-separated CIDRs or host names. Public addresses need no entry. The demo allows loopback.
   */
  WEBHOOK_ALLOW: z.string().trim().max(4000).optional(),
  /** A webhook receiver that has not answered in this time has failed this try. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  /** Issue 13: where the daily digest of due and overdue requests goes (a desk mailbox); unset: no digest. */
  DIGEST_MAIL_TO: z.email("DIGEST_MAIL_TO must be an e-mail address").optional(),
  /** The hour (Finnish time, 0–23) the digest is sent. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /**
   * Issue 14 B: the last day of the company's financial year ("MM-DD"); the bookkeeping period (Accounting Act
   * 2:10, six years from the end of the year the financial period ended) counts from it.
   */
  FINANCIAL_YEAR_END: financialYearEndSchema.default("12-31"),
  /** Issue 14 B: retention (with the bookkeeping purge) runs daily once this hour (Finnish time) has passed. */
  RETENTION_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  /** Issue 14 B: `false` leaves retention to the staff app and `pnpm retention` (the run is still one at a time). */
  RETENTION_SCHEDULE: bool.default(true),
  /**
   * Issue 14 E: the audit trail's HMAC key (at least 32 characters), never stored in the database: whoever holds
   * the database file alone can no longer rewrite the chain. Keep it stable; a new key starts a new keyed span.
   */
  AUDIT_HMAC_KEY: z.string().min(32, "AUDIT_HMAC_KEY must have at least 32 characters").optional(),
  /** Issue 14 E: the Ed25519 private key that signs checkpoints (PKCS#8, base64 DER or PEM). */
  AUDIT_SIGNING_KEY: z.string().min(40, "AUDIT_SIGNING_KEY must be an Ed25519 private key (PKCS#8)").optional(),
  /**
   * Issue 14 E: earlier HMAC keys and earlier checkpoint public keys (SPKI, base64 DER), comma-separated, kept after
   * a rotation so the spans and checkpoints they made still verify. Used for verification only, never to write.
   */
  AUDIT_HMAC_PREVIOUS_KEYS: z.string().optional(),
  AUDIT_PREVIOUS_PUBLIC_KEYS: z.string().optional(),
  /** Issue 14 E: a checkpoint every this many entries, and at least hourly while entries are written. */
  AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  AUDIT_CHECKPOINT_MINUTES: minutes.default(60),
  /** Issue 14 E: the data-protection officer's address; each checkpoint is mailed there through the outbox. */
  DPO_MAIL_TO: z.email("DPO_MAIL_TO must be an e-mail address").optional(),
});

/** Every environment variable the BFF reads (docs/deployment.md must describe each; deployment-guide.test.ts). */
export const ENV_KEYS: readonly string[] = Object.keys(envShape.shape);

const envSchema = envShape
  .transform((e) => {
    const production = e.NODE_ENV === "production";
    const demo = e.DEMO ?? !production;
    const portalOrigin = e.PORTAL_ORIGIN ?? `http://localhost:${e.PORTAL_PORT}`;
    const staffOrigin = e.STAFF_ORIGIN ?? `http://localhost:${e.STAFF_PORT}`;
    return {
      ...e,
      production,
      demo,
      /** The surfaces this process serves (issue 16). */
      surfaces: {
        portal: e.SURFACES.split(",").some((v) => v.trim() === "portal"),
        staff: e.SURFACES.split(",").some((v) => v.trim() === "staff"),
      },
      portalOrigin,
      staffOrigin,
      /** Where writes are accepted from: the exact origin, plus its loopback twin in the demo (never in production). */
      portalOrigins: acceptedOrigins(portalOrigin, demo && !production),
      staffOrigins: acceptedOrigins(staffOrigin, demo && !production),
      databasePath: path.resolve(repoRoot, e.DATABASE_PATH),
      databaseUrl: e.DATABASE_URL,
      databaseSsl: e.DATABASE_SSL ?? (production ? "verify-full" : "disable"),
      mailDir: path.resolve(repoRoot, e.MAIL_DIR),
      noticeFile: path.resolve(repoRoot, e.NOTICE_FILE ?? DEMO_NOTICE_FILE),
      stateDir: path.resolve(repoRoot, e.STATE_DIR),
      backupDir: path.resolve(repoRoot, e.BACKUP_DIR),
      staticDirPortal: path.resolve(repoRoot, e.STATIC_DIR_PORTAL),
      staticDirStaff: path.resolve(repoRoot, e.STATIC_DIR_STAFF),
      // Secure cookies need HTTPS; production always runs behind it.
      secureCookies: production,
      suppressionKey: e.SUPPRESSION_KEY ?? DEMO_SUPPRESSION_KEY,
      auditHmacKey: e.AUDIT_HMAC_KEY ?? DEMO_AUDIT_HMAC_KEY,
      auditSigningKey: e.AUDIT_SIGNING_KEY ?? DEMO_AUDIT_SIGNING_KEY,
      /** Loopback is allowed outside production when nothing is configured, so a newcomer can try a local receiver. */
      webhookAllow: (e.WEBHOOK_ALLOW ?? (production ? "" : "127.0.0.0/8,::1,localhost"))
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
      sessionPolicy: {
        idleTimeoutMs: e.SESSION_IDLE_MINUTES * 60_000,
        absoluteLifetimeMs: e.SESSION_ABSOLUTE_MINUTES * 60_000,
      },
    };
  })
  .superRefine((e, ctx) => {
    if (!e.production) return;
    // Production must not fall back to demo conveniences: say exactly which setting is wrong.
    if (e.demo) ctx.addIssue({ code: "custom", path: ["DEMO"], message: "DEMO cannot be on in production" });
    for (const [key, value] of [
      ["PORTAL_ORIGIN", e.PORTAL_ORIGIN],
      ["STAFF_ORIGIN", e.STAFF_ORIGIN],
    ] as const) {
      if (!value) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required in production` });
      else if (!value.startsWith("https://"))
        ctx.addIssue({ code: "custom", path: [key], message: `${key} must be an https:// origin in production` });
    }
    if (!e.SMTP_URL)
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "SMTP_URL is required in production" });
    if (!e.MAIL_FROM)
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "MAIL_FROM is required in production" });
    if (!e.NOTICE_FILE)
      ctx.addIssue({
        code: "custom",
        path: ["NOTICE_FILE"],
        message: "NOTICE_FILE is required in production: the controller's own privacy notice (docs/notice.md)",
      });
    if (!e.SUPPRESSION_KEY)
      ctx.addIssue({
        code: "custom",
        path: ["SUPPRESSION_KEY"],
        message: "SUPPRESSION_KEY is required in production (at least 32 random characters, kept stable and secret)",
      });
    else if (e.SUPPRESSION_KEY === DEMO_SUPPRESSION_KEY)
      ctx.addIssue({ code: "custom", path: ["SUPPRESSION_KEY"], message: "SUPPRESSION_KEY must not be the demo key" });
    for (const [key, value, demo] of [
      ["AUDIT_HMAC_KEY", e.AUDIT_HMAC_KEY, DEMO_AUDIT_HMAC_KEY],
      ["AUDIT_SIGNING_KEY", e.AUDIT_SIGNING_KEY, DEMO_AUDIT_SIGNING_KEY],
    ] as const) {
      if (!value) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required in production` });
      else if (value === demo)
        ctx.addIssue({ code: "custom", path: [key], message: `${key} must not be the demo key` });
    }
  });

export type Env = z.output<typeof envSchema>;

/** Parses configuration; the only reader of process.env in the BFF. Throws a message naming each wrong setting. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "(config)"}: ${i.message}`);
    throw new Error(`tietoni: invalid configuration\n${lines.join("\n")}`);
  }
  return result.data;
}
