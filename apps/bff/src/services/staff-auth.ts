import { secondFactorRequired } from "@tietoni/domain";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { isCommonPassword } from "../auth/common-passwords.ts";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import type { StaffSubject } from "../auth/permissions.ts";
import type { SessionStore } from "../auth/session-store.ts";
import { attemptSucceeded, attemptWithdrawn, beginSignInAttempt } from "../auth/sign-in-limits.ts";
import { matchTotpStep, newTotpSecret, totpQrSvg, totpUri } from "../auth/totp.ts";
import type { Db, Queries, Tx } from "../db/port.ts";
import { staffRolePolicies, staffUsers } from "../db/schema.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { countSignInFailure } from "../observability/metrics.ts";
import { appendAudit, auditActorOf, byStaff, recordAudit, type StaffActor } from "./audit.ts";
import { type Failure, fail, invalidState, type Result, transact } from "./result.ts";

/*
 * Staff sign-in with a personal user name and password (the notice's "oma henkilökohtainen käyttäjätunnus"),
 * plus an authenticator code. Every role needs the code unless an admin switched it off for the role with a
 * reason (staff-role-policies.ts); admins always need it.
 */

export type StaffAuthDeps = { db: Db; sessions: SessionStore; now: () => number };

/**
 * Who a staff session belongs to, read on the session's own snapshot. A disabled account or a withdrawn
 * confidentiality commitment has no subject, which ends its sessions at once.
 */
export async function loadStaffSubject(r: Queries, id: string): Promise<StaffSubject | null> {
  // One read: the person and their role's second-factor policy (no row: required).
  const row = await r
    .select({ user: staffUsers, policyRequires: staffRolePolicies.secondFactorRequired })
    .from(staffUsers)
    .leftJoin(staffRolePolicies, eq(staffRolePolicies.role, staffUsers.role))
    .where(eq(staffUsers.id, id))
    .get();
  if (!row) return null;
  const { user, policyRequires } = row;
  // An administrator waiting for a second admin's approval (issue 14 D) has no session either.
  if (user.disabledAt !== null || user.confidentialitySignedOn === null || user.approvalPending) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    totpEnabled: user.totpEnabledAt !== null,
    secondFactorRequired: secondFactorRequired(
      user.role,
      policyRequires === null ? null : { secondFactorRequired: policyRequires },
    ),
    mustChangePassword: user.mustChangePassword,
  };
}

/** The role's stored policy, or null when none is stored (then the second factor is required). */
async function rolePolicy(q: Queries, role: StaffSubject["role"]) {
  return (
    (await q
      .select({ secondFactorRequired: staffRolePolicies.secondFactorRequired })
      .from(staffRolePolicies)
      .where(eq(staffRolePolicies.role, role))
      .get()) ?? null
  );
}

/**
 * Takes time step `step` as the person's newest used one, in the caller's transaction: false when a code of
 * this step or a later one was already accepted (a replay, or the other of two parallel sign-ins with one code).
 * The conditional update is the check, so two transactions cannot both pass it.
 */
async function useTotpStep(tx: Tx, staffUserId: string, step: number): Promise<boolean> {
  const { changes } = await tx
    .update(staffUsers)
    .set({ totpLastStep: step })
    .where(and(eq(staffUsers.id, staffUserId), or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))))
    .run();
  return changes === 1;
}

/**
 * Why a sign-in was refused. Not a `Failure`: these are 401s (and a 429), and they are deliberately vague, the
 * same for an unknown name and a wrong password.
 */
export type StaffSignInRefusal = "rate_limited" | "sign_in_failed" | "totp_required";
export type StaffSignInOutcome =
  | { ok: true; token: string; totpEnrolmentRequired: boolean; passwordChangeRequired: boolean }
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
  if (!(await beginSignInAttempt(db, attempt, at))) {
    countSignInFailure({ surface: "staff", reason: "rate_limited" });
    return { ok: false, refusal: "rate_limited" };
  }
  const user = await db.select().from(staffUsers).where(eq(staffUsers.username, username)).get();
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  // The trail says why (for the admins reading it); the answer never does.
  const failed = async (
    reason: "password" | "disabled" | "no_commitment" | "approval_pending" | "totp" | "totp_reused",
  ): Promise<StaffSignInOutcome> => {
    // Issue 15 E: the same reason as the trail's, counted for the operator's alert (no user, no address).
    countSignInFailure({ surface: "staff", reason });
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
  if (user.approvalPending) return failed("approval_pending");
  let step: number | null = null;
  if (user.totpEnabledAt !== null) {
    if (input.totp === undefined) {
      // The password was right; the form asks for the code and sends both again.
      await attemptWithdrawn(db, attempt, at);
      return { ok: false, refusal: "totp_required" };
    }
    // A confirmed enrolment without its secret cannot be checked, so it cannot pass.
    if (user.totpSecret === null) return failed("totp");
    step = matchTotpStep(user.totpSecret, input.totp, at);
    if (step === null) return failed("totp");
    // Already used (ASVS 6.5.1); checked again, race-free, in the transaction below.
    if (user.totpLastStep !== null && step <= user.totpLastStep) return failed("totp_reused");
  }
  const acceptedStep = step;
  // One transaction, so one fsync (synchronous = FULL) instead of three: in a burst of staff sign-ins separate
  // commits stalled customers' requests more than the password hashing did (bench P6). The code's step is taken
  // in it too, so a second factor adds no commit of its own.
  const signedIn = await db.transaction(async (tx) => {
    if (acceptedStep !== null && !(await useTotpStep(tx, user.id, acceptedStep))) return null;
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
  if (signedIn === null) return failed("totp_reused");
  // The policy matters only to someone not enrolled: an enrolled sign-in (the usual one) does not read it.
  const totpEnrolmentRequired =
    user.totpEnabledAt === null && secondFactorRequired(user.role, await rolePolicy(db, user.role));
  return {
    ok: true,
    token: signedIn.token,
    // The session is limited until then (refuseLimitedSession); the app goes straight to the step.
    passwordChangeRequired: user.mustChangePassword,
    totpEnrolmentRequired,
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

/**
 * Checks the signed-in person's password again (enrolment, own password change), under the sign-in limits: a
 * session left open must not become a way to guess the password. A right password takes the attempt back.
 */
async function reauthenticate(
  db: Db,
  actor: StaffActor,
  username: string,
  password: string,
  at: number,
  /** The form field the password came in, named by a refusal. */
  field: string,
): Promise<{ ok: true; passwordHash: string } | Failure> {
  const attempt = { username, ip: actor.ip };
  if (!(await beginSignInAttempt(db, attempt, at))) return fail(429, "rate_limited");
  const user = await db.select().from(staffUsers).where(eq(staffUsers.id, actor.id)).get();
  if (!user || !(await verifyPassword(user.passwordHash, password))) return fail(400, "password_wrong", field);
  await attemptWithdrawn(db, attempt, at);
  return { ok: true, passwordHash: user.passwordHash };
}

/**
 * Starts (or restarts) enrolment with a new secret, which the first right code then confirms. Asks for the
 * password again (issue 11): a session alone must not be enough to bind the account to someone else's phone.
 */
export async function startTotpEnrolment(
  { db, now }: Pick<StaffAuthDeps, "db" | "now">,
  actor: StaffActor,
  subject: Pick<StaffSubject, "username" | "totpEnabled">,
  password: string,
): Promise<Result<TotpEnrolment>> {
  // Replacing a confirmed secret from a session alone would let a stolen session swap the second factor.
  if (subject.totpEnabled) return invalidState();
  const checked = await reauthenticate(db, actor, subject.username, password, now(), "password");
  if (!checked.ok) return checked;
  const secret = newTotpSecret();
  const otpauthUri = totpUri(secret, subject.username);
  const qrSvg = await totpQrSvg(otpauthUri);
  return transact(db, async (tx) => {
    const { changes } = await tx
      .update(staffUsers)
      .set({ totpSecret: secret, totpEnabledAt: null, totpLastStep: null })
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
 * Confirms enrolment with the first right code, whose step counts as used (the same code cannot then sign in).
 * A privilege change: every earlier session (this one included) ends and a fresh one is issued, whose token the
 * caller sets as the cookie.
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
    const step = matchTotpStep(user.totpSecret, code, at);
    if (step === null || !(await useTotpStep(tx, actor.id, step))) return fail(400, "code_invalid");
    await tx.update(staffUsers).set({ totpEnabledAt: at }).where(eq(staffUsers.id, actor.id));
    await sessions.invalidateAll(actor.id, tx);
    await appendAudit(tx, byStaff(actor, { action: "staff.totp.enabled", detail: { staffUserId: actor.id } }), at);
    const session = await sessions.create(actor.id, at, client, tx);
    return { ok: true, token: session.token };
  });
}

/**
 * The person changes their own password (ASVS 6.2.2): the current one first, the new one by the rules of create
 * and reset, and not the same again (after an admin's reset that would keep the admin's choice, ASVS 6.4.1).
 * Ends every other session of the person; this one is renewed, and is no longer limited to the change.
 */
export async function changeOwnPassword(
  { db, sessions, now }: StaffAuthDeps,
  actor: StaffActor,
  subject: Pick<StaffSubject, "username">,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<Result<{ token: string }>> {
  const at = now();
  const checked = await reauthenticate(db, actor, subject.username, input.currentPassword, at, "currentPassword");
  if (!checked.ok) return checked;
  if (isCommonPassword(input.newPassword)) return fail(400, "password_common", "newPassword");
  if (await verifyPassword(checked.passwordHash, input.newPassword))
    return fail(400, "password_unchanged", "newPassword");
  // Hashed before the transaction: the write lock is not held while a worker thread spends its time on it.
  const passwordHash = await hashPassword(input.newPassword);
  return transact(db, async (tx) => {
    const before = await tx.select().from(staffUsers).where(eq(staffUsers.id, actor.id)).get();
    // Changed (or reset) by another request while this one hashed: the checked password is no longer the one.
    if (!before || before.passwordHash !== checked.passwordHash) return invalidState();
    await tx
      .update(staffUsers)
      .set({ passwordHash, passwordChangedAt: at, mustChangePassword: false })
      .where(eq(staffUsers.id, actor.id));
    const sessionsEnded = await sessions.invalidateAll(actor.id, tx);
    const session = await sessions.create(actor.id, at, client, tx);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "staff.password_changed",
        // The sessions ended include this one, which is renewed.
        detail: { staffUserId: actor.id, forced: before.mustChangePassword, sessionsEnded },
      }),
      at,
    );
    return { ok: true, token: session.token };
  });
}
