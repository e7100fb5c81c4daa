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

/** Two-factor sign-in is required for administrators (issue 4); agents may enrol. */
export function totpRequired(role: StaffRoleName): boolean {
  return role === "admin";
}
