import { adminCreationByCli, adminCreationInApp, iso, mayApproveAdmin, type StaffRoleName } from "@tietoni/domain";
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { isCommonPassword } from "../auth/common-passwords.ts";
import { hashPassword } from "../auth/passwords.ts";
import type { SessionStore } from "../auth/session-store.ts";
import { randomToken } from "../auth/tokens.ts";
import type { Db, Queries } from "../db/port.ts";
import { staffUsers } from "../db/schema.ts";
import { appendAudit, byStaff, type StaffActor } from "./audit.ts";
import { fail, invalidState, notFound, type Result, transact } from "./result.ts";

/** The staff session store travels with the database: several changes end the person's sessions. */
export type StaffAccountsDeps = { db: Db; sessions: SessionStore; now: () => number };

type StaffRow = typeof staffUsers.$inferSelect;

/** What the staff app sees of an account: never the password hash or the two-factor secret. */
export type StaffAccountView = {
  id: string;
  username: string;
  displayName: string;
  role: StaffRoleName;
  confidentialitySignedOn: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  createdAt: string;
  /** Issue 14 D: an administrator waiting for a second admin's approval (cannot sign in until then). */
  approvalPending: boolean;
  /** Who made them admin: that person cannot approve it. */
  approvalRequestedBy: string | null;
};

function accountView(row: StaffRow): StaffAccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    confidentialitySignedOn: row.confidentialitySignedOn,
    disabled: row.disabledAt !== null,
    totpEnabled: row.totpEnabledAt !== null,
    createdAt: iso(row.createdAt),
    approvalPending: row.approvalPending,
    approvalRequestedBy: row.approvalPending ? row.approvalRequestedBy : null,
  };
}

const passwordCommon = () => fail(400, "password_common", "password");
const usernameTaken = () => fail(409, "username_taken", "username");

const findById = (q: Queries, id: string) => q.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
/** Administrators who can act now: not disabled, commitment signed, not waiting for approval themselves. */
async function activeAdmins(q: Queries): Promise<number> {
  const rows = await q
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.role, "admin"),
        isNull(staffUsers.disabledAt),
        isNotNull(staffUsers.confidentialitySignedOn),
        eq(staffUsers.approvalPending, false),
      ),
    );
  return rows.length;
}

/** While only one admin exists no one could approve a second: the command line makes it (issue 14 D). */
const adminNeedsCli = () => fail(409, "admin_approval_cli", "role");

const usernameInUse = async (q: Queries, username: string) =>
  (await q.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, username)).get()) !== undefined;

/*
 * Administrators manage the named staff accounts (the notice: only named staff with a signed confidentiality
 * commitment). Every change is audited in its own transaction; passwords and secrets never reach the trail.
 */

export async function listStaffAccounts(db: Db): Promise<StaffAccountView[]> {
  const rows = await db.select().from(staffUsers).orderBy(asc(staffUsers.username));
  return rows.map(accountView);
}

export type CreateStaffInput = {
  username: string;
  displayName: string;
  role: StaffRoleName;
  password: string;
  confidentialitySignedOn: string | null;
};

export async function createStaffAccount(
  { db, now }: Pick<StaffAccountsDeps, "db" | "now">,
  actor: StaffActor,
  input: CreateStaffInput,
): Promise<Result<{ account: StaffAccountView }>> {
  if (isCommonPassword(input.password)) return passwordCommon();
  if (await usernameInUse(db, input.username)) return usernameTaken();
  // Hashed before the transaction: the write lock is not held while a worker thread spends its second on it.
  const passwordHash = await hashPassword(input.password);
  const at = now();
  const row: StaffRow = {
    id: randomToken(),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    passwordHash,
    confidentialitySignedOn: input.confidentialitySignedOn,
    disabledAt: null,
    createdAt: at,
    totpSecret: null,
    totpEnabledAt: null,
    passwordChangedAt: at,
    totpLastStep: null,
    // The admin chose this password and gave it on: the person's first sign-in chooses their own (ASVS 6.4.1).
    mustChangePassword: true,
    // Set below for an administrator: one admin cannot make another alone (issue 14 D).
    approvalPending: false,
    approvalRequestedBy: null,
    approvedBy: null,
    approvedAt: null,
  };
  return transact(db, async (tx) => {
    // Checked again inside the write: another admin may have taken the name while the password hashed.
    if (await usernameInUse(tx, row.username)) return usernameTaken();
    if (row.role === "admin") {
      if (adminCreationInApp(await activeAdmins(tx)) === "refused") return adminNeedsCli();
      row.approvalPending = true;
      row.approvalRequestedBy = actor.id;
    }
    await tx.insert(staffUsers).values(row);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "staff.created",
        detail: {
          staffUserId: row.id,
          role: row.role,
          confidentialitySignedOn: row.confidentialitySignedOn,
          approvalPending: row.approvalPending,
        },
      }),
      at,
    );
    return { ok: true, account: accountView(row) };
  });
}

export type UpdateStaffInput = {
  displayName?: string | undefined;
  role?: StaffRoleName | undefined;
  confidentialitySignedOn?: string | null | undefined;
  disabled?: boolean | undefined;
};

export function updateStaffAccount(
  { db, sessions, now }: StaffAccountsDeps,
  actor: StaffActor,
  id: string,
  input: UpdateStaffInput,
): Promise<Result<{ account: StaffAccountView }>> {
  return transact(db, async (tx) => {
    const current = await findById(tx, id);
    if (!current) return notFound();
    // Locking oneself out would leave the register without the admin who made the mistake.
    const selfLockout =
      id === actor.id && (input.disabled === true || input.role === "agent" || input.confidentialitySignedOn === null);
    if (selfLockout) return invalidState();
    const at = now();
    const disabledAt =
      input.disabled === undefined ? current.disabledAt : input.disabled ? (current.disabledAt ?? at) : null;
    const role = input.role ?? current.role;
    // Made admin: waits for a second admin like a new one (issue 14 D); no longer admin: nothing left to approve.
    const becomesAdmin = role === "admin" && current.role !== "admin";
    if (becomesAdmin && adminCreationInApp(await activeAdmins(tx)) === "refused") return adminNeedsCli();
    const approval = becomesAdmin
      ? { approvalPending: true, approvalRequestedBy: actor.id, approvedBy: null, approvedAt: null }
      : role === "admin"
        ? {}
        : { approvalPending: false, approvalRequestedBy: null };
    const next: StaffRow = {
      ...current,
      displayName: input.displayName ?? current.displayName,
      role,
      confidentialitySignedOn:
        input.confidentialitySignedOn === undefined ? current.confidentialitySignedOn : input.confidentialitySignedOn,
      disabledAt,
      ...approval,
    };
    const changed = (["displayName", "role", "confidentialitySignedOn", "disabledAt"] as const).filter(
      (field) => next[field] !== current[field],
    );
    // Disabling, withdrawing the commitment or changing the role ends the person's sessions: the next
    // sign-in happens under the new terms.
    const endSessions =
      (next.disabledAt !== null && current.disabledAt === null) ||
      (next.confidentialitySignedOn === null && current.confidentialitySignedOn !== null) ||
      next.role !== current.role;
    await tx
      .update(staffUsers)
      .set({
        displayName: next.displayName,
        role: next.role,
        confidentialitySignedOn: next.confidentialitySignedOn,
        disabledAt: next.disabledAt,
        approvalPending: next.approvalPending,
        approvalRequestedBy: next.approvalRequestedBy,
        approvedBy: next.approvedBy,
        approvedAt: next.approvedAt,
      })
      .where(eq(staffUsers.id, id));
    if (endSessions) await sessions.invalidateAll(id, tx);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "staff.updated",
        // The display name is a person's name: the trail records that it changed, not what to.
        detail: {
          staffUserId: id,
          changed: changed.map((f) => (f === "disabledAt" ? "disabled" : f)),
          role: next.role,
          disabled: next.disabledAt !== null,
          confidentialitySignedOn: next.confidentialitySignedOn,
          sessionsEnded: endSessions,
          approvalPending: next.approvalPending,
        },
      }),
      at,
    );
    return { ok: true, account: accountView(next) };
  });
}

export async function resetStaffPassword(
  { db, sessions, now }: StaffAccountsDeps,
  actor: StaffActor,
  id: string,
  password: string,
): Promise<Result> {
  if (!(await findById(db, id))) return notFound();
  if (isCommonPassword(password)) return passwordCommon();
  const passwordHash = await hashPassword(password);
  const at = now();
  return transact(db, async (tx) => {
    const { changes } = await tx
      .update(staffUsers)
      // The admin's choice is for one sign-in only: the next one must choose a new password first (ASVS 6.4.1).
      .set({ passwordHash, passwordChangedAt: at, mustChangePassword: true })
      .where(eq(staffUsers.id, id))
      .run();
    if (changes === 0) return notFound();
    // Whoever knew the old password may hold a session: all of them end.
    await sessions.invalidateAll(id, tx);
    await appendAudit(tx, byStaff(actor, { action: "staff.password_reset", detail: { staffUserId: id } }), at);
    return { ok: true };
  });
}

/** For a lost phone: another admin clears the second factor and the person enrols again. */
export function resetStaffTotp(
  { db, sessions, now }: StaffAccountsDeps,
  actor: StaffActor,
  id: string,
): Promise<Result<{ account: StaffAccountView }>> {
  return transact(db, async (tx) => {
    const current = await findById(tx, id);
    if (!current) return notFound();
    if (id === actor.id) return invalidState();
    const at = now();
    await tx.update(staffUsers).set({ totpSecret: null, totpEnabledAt: null }).where(eq(staffUsers.id, id));
    await sessions.invalidateAll(id, tx);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "staff.totp.reset",
        detail: { staffUserId: id, wasEnabled: current.totpEnabledAt !== null },
      }),
      at,
    );
    return { ok: true, account: accountView({ ...current, totpSecret: null, totpEnabledAt: null }) };
  });
}

/**
 * A second admin approves a waiting administrator (issue 14 D): never the one who made them admin, nor the person
 * themselves. Audited `staff.admin_approved`; they can sign in from now on.
 */
export function approveAdministrator(
  { db, now }: Pick<StaffAccountsDeps, "db" | "now">,
  actor: StaffActor,
  id: string,
): Promise<Result<{ account: StaffAccountView }>> {
  return transact(db, async (tx) => {
    const current = await findById(tx, id);
    if (!current) return notFound();
    if (!current.approvalPending || current.role !== "admin") return invalidState();
    const verdict = mayApproveAdmin(
      { id: current.id, requestedBy: current.approvalRequestedBy },
      { id: actor.id, role: actor.role === "admin" ? "admin" : "agent" },
    );
    if (!verdict.ok) return fail(403, verdict.code);
    const at = now();
    const approved = { approvalPending: false, approvedBy: actor.id, approvedAt: at };
    await tx.update(staffUsers).set(approved).where(eq(staffUsers.id, id));
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "staff.admin_approved",
        detail: { staffUserId: id, requestedBy: current.approvalRequestedBy },
      }),
      at,
    );
    return { ok: true, account: accountView({ ...current, ...approved }) };
  });
}

/**
 * An administrator created from the command line (server access; no one is signed in, so the system is the actor):
 * the first of a production register, or the second while only one active admin exists — one admin cannot make
 * another in the app alone, and with only one there is no second to approve. Beyond two, refused: admins are made
 * in the staff app and approved by a second admin (issue 14 D).
 */
export async function createFirstAdministrator(
  db: Db,
  input: { username: string; displayName: string; password: string; confidentialitySignedOn: string },
  now: number,
): Promise<Result<{ id: string; ordinal: "first" | "second" }>> {
  const passwordHash = await hashPassword(input.password);
  const id = randomToken();
  return transact(db, async (tx) => {
    if (await usernameInUse(tx, input.username)) return usernameTaken();
    const ordinal = adminCreationByCli(await activeAdmins(tx));
    if (ordinal === "refused") return fail(409, "second_admin_required");
    await tx.insert(staffUsers).values({
      id,
      username: input.username,
      displayName: input.displayName,
      role: "admin",
      passwordHash,
      confidentialitySignedOn: input.confidentialitySignedOn,
      createdAt: now,
    });
    await appendAudit(
      tx,
      {
        actor: { type: "system" },
        action: "staff.created",
        detail: { staffUserId: id, role: "admin", via: "cli", ordinal },
      },
      now,
    );
    return { ok: true, id, ordinal };
  });
}
