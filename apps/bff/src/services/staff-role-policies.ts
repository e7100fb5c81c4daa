import { iso, type StaffRoleName, secondFactorOptional, secondFactorRequired, staffRoles } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { staffRolePolicies, staffUsers } from "../db/schema.ts";
import { appendAudit, byStaff, type StaffActor } from "./audit.ts";
import { fail, type Result, transact } from "./result.ts";

/*
 * Per role: whether sign-in needs a second factor (ASVS 6.3.3). Required unless an admin switched it off for the
 * role, which takes a written reason, kept with the policy and in the audit trail. Admins always need it.
 */

export type RolePolicyView = {
  role: StaffRoleName;
  secondFactorRequired: boolean;
  /** Whether an admin may switch it off for this role at all. */
  optional: boolean;
  reason: string | null;
  changedBy: { id: string; displayName: string } | null;
  changedAt: string | null;
};

/** Every role's policy, stored or the default (required). */
export async function listRolePolicies(db: Db): Promise<RolePolicyView[]> {
  const rows = await db
    .select({ policy: staffRolePolicies, changedByName: staffUsers.displayName })
    .from(staffRolePolicies)
    .leftJoin(staffUsers, eq(staffUsers.id, staffRolePolicies.changedBy))
    .all();
  return staffRoles.map((role) => {
    const row = rows.find((r) => r.policy.role === role);
    const policy = row?.policy ?? null;
    return {
      role,
      secondFactorRequired: secondFactorRequired(role, policy),
      optional: secondFactorOptional(role),
      reason: policy?.reason ?? null,
      changedBy:
        policy?.changedBy && row?.changedByName ? { id: policy.changedBy, displayName: row.changedByName } : null,
      changedAt: policy?.changedAt ? iso(policy.changedAt) : null,
    };
  });
}

/**
 * An admin sets one role's policy. Switching the second factor off needs a reason (the input schema refuses one
 * without); switching it on clears the reason. Either way audited as staff.role_policy.changed with the reason.
 * Takes effect on the role's next request: an un-enrolled person's session is then limited to enrolment.
 */
export async function setRolePolicy(
  { db, now }: { db: Db; now: () => number },
  actor: StaffActor,
  role: StaffRoleName,
  input: { secondFactorRequired: boolean; reason?: string | undefined },
): Promise<Result<{ policy: RolePolicyView }>> {
  if (!input.secondFactorRequired && !secondFactorOptional(role)) {
    return fail(400, "second_factor_always_required", "secondFactorRequired");
  }
  const reason = input.secondFactorRequired ? null : (input.reason ?? null);
  // The schema already refuses this; the service does not rely on every caller having used it.
  if (!input.secondFactorRequired && (reason === null || reason.length === 0)) {
    return fail(400, "policy_reason_required", "reason");
  }
  const at = now();
  const result = await transact(db, async (tx) => {
    const before = await tx.select().from(staffRolePolicies).where(eq(staffRolePolicies.role, role)).get();
    const row = { role, secondFactorRequired: input.secondFactorRequired, reason, changedBy: actor.id, changedAt: at };
    await tx.insert(staffRolePolicies).values(row).onConflictDoUpdate({ target: staffRolePolicies.role, set: row });
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "staff.role_policy.changed",
        // The reason is the admin's own words about a role, not about a person: the trail keeps it.
        detail: {
          role,
          secondFactorRequired: input.secondFactorRequired,
          wasRequired: secondFactorRequired(role, before ?? null),
          reason,
        },
      }),
      at,
    );
    return { ok: true };
  });
  if (!result.ok) return result;
  const policy = (await listRolePolicies(db)).find((p) => p.role === role);
  if (!policy) throw new Error(`no policy view for role ${role}`);
  return { ok: true, policy };
}
