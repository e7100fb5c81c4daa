import { z } from "zod";
import { emailSchema } from "../customer/contact-fields.ts";
import { totpCodeSchema } from "../staff/staff-accounts.ts";

/** Customer sign-in codes: 6 digits, 10 minutes, 5 attempts, single use (issue 2). */
export const signInCodePolicy = {
  digits: 6,
  validForMs: 10 * 60 * 1000,
  maxAttempts: 5,
} as const;

export const requestCodeInputSchema = z.object({ email: emailSchema });
export type RequestCodeInput = z.infer<typeof requestCodeInputSchema>;

export const verifyCodeInputSchema = z.object({
  email: emailSchema,
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, "code_format"),
});
export type VerifyCodeInput = z.infer<typeof verifyCodeInputSchema>;

export const staffSignInInputSchema = z.object({
  username: z.string().trim().min(1, "required").max(64, "too_long"),
  password: z.string().min(1, "required").max(256, "too_long"),
  /** The authenticator code; asked for only when the account has two-factor sign-in enabled. */
  totp: totpCodeSchema.optional(),
});
export type StaffSignInInput = z.infer<typeof staffSignInInputSchema>;

export type SignInCodeState = {
  expiresAt: number;
  attempts: number;
  consumedAt: number | null;
};

export type CodeCheck = "usable" | "expired" | "consumed" | "too_many_attempts";

/**
 * Whether a stored code may still be tried. The attempt being made counts:
 * call this before comparing, with `attempts` as stored before this attempt.
 */
export function checkSignInCode(code: SignInCodeState, now: number): CodeCheck {
  if (code.consumedAt !== null) return "consumed";
  if (code.attempts >= signInCodePolicy.maxAttempts) return "too_many_attempts";
  if (now >= code.expiresAt) return "expired";
  return "usable";
}
