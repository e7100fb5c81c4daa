import { z } from "zod";
import { type StaffRoleName, staffRoles } from "./staff-roles.ts";

/** Staff passwords: long enough to resist guessing; the common-password list is checked in the BFF. */
export const staffPasswordSchema = z.string().min(12, "password_too_short").max(256, "too_long");

export const createStaffInputSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{2,64}$/, "username_invalid"),
  displayName: z.string().trim().min(1, "required").max(120, "too_long"),
  role: z.enum(staffRoles),
  password: staffPasswordSchema,
  confidentialitySignedOn: z.iso.date("date_invalid").nullable(),
});

export const updateStaffInputSchema = z
  .object({
    displayName: z.string().trim().min(1, "required").max(120, "too_long").optional(),
    role: z.enum(staffRoles).optional(),
    confidentialitySignedOn: z.iso.date("date_invalid").nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "required");

export const resetPasswordInputSchema = z.object({ password: staffPasswordSchema });

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9]{6}$/, "code_format");
export const confirmTotpInputSchema = z.object({ code: totpCodeSchema });

/**
 * Whether a role's sign-in needs a second factor (ASVS 6.3.3). Every role needs one unless an admin switched it
 * off for the role with a reason (`policy` is that role's stored choice; none stored means required).
 * Administrators always need one: they manage the accounts and the trail that would show the switch.
 */
export function secondFactorRequired(
  role: StaffRoleName,
  policy: { secondFactorRequired: boolean } | null | undefined,
): boolean {
  if (!secondFactorOptional(role)) return true;
  return policy?.secondFactorRequired ?? true;
}

/**
 * Roles for which an admin may switch the second factor off (with a reason): agents only. An admin manages the
 * staff, and the data-protection officer (issue 14) reads the whole trail: neither signs in without one.
 */
export function secondFactorOptional(role: StaffRoleName): boolean {
  return role === "agent";
}

/** The least a reason for switching the second factor off must say: a few words, not a placeholder. */
export const POLICY_REASON_MIN = 10;

/**
 * An admin's choice for one role. Switching the second factor off needs a written reason (kept in the policy and
 * the audit trail); switching it back on needs none.
 */
export const roleSecondFactorInputSchema = z
  .object({
    secondFactorRequired: z.boolean(),
    reason: z.string().trim().max(500, "too_long").optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.secondFactorRequired && (v.reason ?? "").length < POLICY_REASON_MIN) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "policy_reason_required" });
    }
  });
export type RoleSecondFactorInput = z.infer<typeof roleSecondFactorInputSchema>;

export const staffRoleParamSchema = z.object({ role: z.enum(staffRoles, "invalid_input") });

/** The person's own password change: the current one proves it is them, the new one follows the create/reset rules. */
export const changeOwnPasswordInputSchema = z.object({
  currentPassword: z.string().min(1, "required").max(256, "too_long"),
  newPassword: staffPasswordSchema,
});

/** Starting enrolment asks for the password again: a session left open must not be enough to bind a phone. */
export const startTotpEnrolmentInputSchema = z.object({ password: z.string().min(1, "required").max(256, "too_long") });

/**
 * What a signed-in staff member may do before anything else (ASVS 6.4.1, 6.3.3): choose an own password after an
 * admin set one, then enrol in two-factor sign-in when the role needs it. Null: the session is not limited.
 */
export type StaffSessionLimit = "password_change" | "totp_enrolment";
export function staffSessionLimit(subject: {
  mustChangePassword: boolean;
  secondFactorRequired: boolean;
  totpEnabled: boolean;
}): StaffSessionLimit | null {
  if (subject.mustChangePassword) return "password_change";
  if (subject.secondFactorRequired && !subject.totpEnabled) return "totp_enrolment";
  return null;
}
