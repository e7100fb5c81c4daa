import { totpRequired } from "@tietoni/domain";
import { and, eq, isNull } from "drizzle-orm";
import { verifyPassword } from "../auth/passwords.ts";
import type { StaffSubject } from "../auth/permissions.ts";
import type { SessionStore } from "../auth/session-store.ts";
import { attemptSucceeded, attemptWithdrawn, beginSignInAttempt } from "../auth/sign-in-limits.ts";
import { checkTotpCode, newTotpSecret, totpQrSvg, totpUri } from "../auth/totp.ts";
import type { Db, Queries } from "../db/port.ts";
import { staffUsers } from "../db/schema.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { appendAudit, auditActorOf, byStaff, recordAudit, type StaffActor } from "./audit.ts";
import { fail, invalidState, type Result, transact } from "./result.ts";

/*
 * Staff sign-in with a personal user name and password (the notice's "oma henkilökohtainen käyttäjätunnus"),
 * plus an authenticator code for those who enrolled in two-factor sign-in (required for admins).
 */

export type StaffAuthDeps = { db: Db; sessions: SessionStore; now: () => number };

/**
 * Who a staff session belongs to, read on the session's own snapshot. A disabled account or a withdrawn
 * confidentiality commitment has no subject, which ends its sessions at once.
 */
export async function loadStaffSubject(r: Queries, id: string): Promise<StaffSubject | null> {
  const user = await r.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
  if (!user || user.disabledAt !== null || user.confidentialitySignedOn === null) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    totpEnabled: user.totpEnabledAt !== null,
  };
}

/**
 * Why a sign-in was refused. Not a `Failure`: these are 401s (and a 429), and they are deliberately vague, the
 * same for an unknown name and a wrong password.
 */
export type StaffSignInRefusal = "rate_limited" | "sign_in_failed" | "totp_required";
export type StaffSignInOutcome =
  | { ok: true; token: string; totpEnrolmentRequired: boolean }
  | { ok: false; refusal: StaffSignInRefusal };

export async function signInStaff(
  { db, sessions, now }: StaffAuthDeps,
  input: { username: string; password: string; totp?: string | undefined },
  client: ClientInfo,
): Promise<StaffSignInOutcome> {
  // User names are stored lower-cased; "Admin" is the same account and shares its limit.
  const username = input.username.toLowerCase();
  const at = now();
  const attempt = { username, ip: client.ip };
  // Same answer for known and unknown names; refused before any check, so a blocked guess learns nothing.
  if (!(await beginSignInAttempt(db, attempt, at))) return { ok: false, refusal: "rate_limited" };
  const user = await db.select().from(staffUsers).where(eq(staffUsers.username, username)).get();
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  // The trail says why (for the admins reading it); the answer never does.
  const failed = async (reason: "password" | "disabled" | "no_commitment" | "totp"): Promise<StaffSignInOutcome> => {
    await recordAudit(
      db,
      {
        actor: { type: "system" },
        action: "staff.sign_in_failed",
        detail: { staffUserId: user?.id ?? null, reason },
        ip: client.ip,
      },
      at,
    );
    return { ok: false, refusal: "sign_in_failed" };
  };
  if (!user || !passwordOk) return failed("password");
  if (user.disabledAt !== null) return failed("disabled");
  if (user.confidentialitySignedOn === null) return failed("no_commitment");
  if (user.totpEnabledAt !== null) {
    if (input.totp === undefined) {
      // The password was right; the form asks for the code and sends both again.
      await attemptWithdrawn(db, attempt, at);
      return { ok: false, refusal: "totp_required" };
    }
    // A confirmed enrolment without its secret cannot be checked, so it cannot pass.
    if (user.totpSecret === null || !checkTotpCode(user.totpSecret, input.totp, at)) return failed("totp");
  }
  // One transaction, so one fsync (synchronous = FULL) instead of three: in a burst of staff sign-ins separate
  // commits stalled customers' requests more than the password hashing did (bench P6).
  const session = await db.transaction(async (tx) => {
    await attemptSucceeded(tx, attempt, at);
    const created = await sessions.create(user.id, at, client, tx);
    await appendAudit(
      tx,
      {
        actor: { type: "staff", id: user.id, role: user.role },
        action: "staff.sign_in",
        detail: { twoFactor: user.totpEnabledAt !== null },
        ip: client.ip,
      },
      at,
    );
    return created;
  });
  return {
    ok: true,
    token: session.token,
    totpEnrolmentRequired: totpRequired(user.role) && user.totpEnabledAt === null,
  };
}

export async function signOutStaff(
  { db, sessions, now }: StaffAuthDeps,
  actor: StaffActor,
  sessionId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await sessions.invalidate(sessionId, tx);
    await appendAudit(tx, { actor: auditActorOf(actor), action: "staff.sign_out" }, now());
  });
}

/** A lost laptop or a session left open elsewhere: the person ends all of their sessions, this one included. */
export function signOutStaffEverywhere(
  { db, sessions, now }: StaffAuthDeps,
  actor: StaffActor,
): Promise<{ sessionsEnded: number }> {
  return db.transaction(async (tx) => {
    const sessionsEnded = await sessions.invalidateAll(actor.id, tx);
    await appendAudit(tx, byStaff(actor, { action: "staff.sign_out_everywhere", detail: { sessionsEnded } }), now());
    return { sessionsEnded };
  });
}

export type TotpEnrolment = { secret: string; otpauthUri: string; qrSvg: string };

/** Starts (or restarts) enrolment with a new secret, which the first right code then confirms. */
export async function startTotpEnrolment(
  { db, now }: Pick<StaffAuthDeps, "db" | "now">,
  actor: StaffActor,
  subject: Pick<StaffSubject, "username" | "totpEnabled">,
): Promise<Result<TotpEnrolment>> {
  // Replacing a confirmed secret from a session alone would let a stolen session swap the second factor.
  if (subject.totpEnabled) return invalidState();
  const secret = newTotpSecret();
  const otpauthUri = totpUri(secret, subject.username);
  const qrSvg = await totpQrSvg(otpauthUri);
  return transact(db, async (tx) => {
    const { changes } = await tx
      .update(staffUsers)
      .set({ totpSecret: secret, totpEnabledAt: null })
      // Confirmed in another tab since this request was authenticated: the same refusal.
      .where(and(eq(staffUsers.id, actor.id), isNull(staffUsers.totpEnabledAt)))
      .run();
    if (changes === 0) return invalidState();
    await appendAudit(
      tx,
      byStaff(actor, { action: "staff.totp.enrolment_started", detail: { staffUserId: actor.id } }),
      now(),
    );
    return { ok: true, secret, otpauthUri, qrSvg };
  });
}

/**
 * Confirms enrolment with the first right code. A privilege change: every earlier session (this one included)
 * ends and a fresh one is issued, whose token the caller sets as the cookie.
 */
export function confirmTotpEnrolment(
  { db, sessions, now }: StaffAuthDeps,
  actor: StaffActor,
  code: string,
  client: ClientInfo,
): Promise<Result<{ token: string }>> {
  return transact(db, async (tx) => {
    const user = await tx.select().from(staffUsers).where(eq(staffUsers.id, actor.id)).get();
    if (!user || user.totpEnabledAt !== null || user.totpSecret === null) return invalidState();
    const at = now();
    if (!checkTotpCode(user.totpSecret, code, at)) return fail(400, "code_invalid");
    await tx.update(staffUsers).set({ totpEnabledAt: at }).where(eq(staffUsers.id, actor.id));
    await sessions.invalidateAll(actor.id, tx);
    await appendAudit(tx, byStaff(actor, { action: "staff.totp.enabled", detail: { staffUserId: actor.id } }), at);
    const session = await sessions.create(actor.id, at, client, tx);
    return { ok: true, token: session.token };
  });
}
