import { z } from "zod";
import { emailSchema } from "../customer/contact-fields.ts";
import { locales } from "../i18n/localized.ts";
import { totpCodeSchema } from "../staff/staff-accounts.ts";

/**
 * Codes mailed to a signed-in customer to confirm an act (the new address of an e-mail change): 6 digits,
 * 10 minutes, 5 attempts, single use (issue 2). The sign-in code has a policy of its own below: a guess at it
 * gains an account, so it is longer.
 */
export const signInCodePolicy = {
  digits: 6,
  validForMs: 10 * 60 * 1000,
  maxAttempts: 5,
} as const;

/**
 * The customer sign-in code (issue 11, decision 010): 8 digits, 10 minutes, 5 tries, single use, mailed with a
 * one-use sign-in link that is valid as long. With the limits in bff/auth/sign-in-limits.ts (at most 25 wrong
 * codes per e-mail address a calendar day, one code live at a time) a year of guessing wins with a chance of at
 * most 25 × 366 / 10^8 ≈ 9.2 · 10^-5 (docs/security.md, item 13).
 */
export const customerSignInCodePolicy = {
  digits: 8,
  validForMs: 10 * 60 * 1000,
  maxAttempts: 5,
} as const;

/** The sign-in code as the mail shows it, in groups of four: "1234 5678". */
export function groupSignInCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, "$1 ");
}

/** A sign-in code as typed or pasted: spaces and dashes between the digits are the customer's own grouping. */
export const signInCodeSchema = z
  .string()
  .transform((code) => code.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(new RegExp(`^[0-9]{${customerSignInCodePolicy.digits}}$`), "sign_in_code_format"));

/**
 * The portal's current language, sent with the sign-in (issue 13): the code mail is written in it, and a successful
 * sign-in records it as the customer's mail language. Optional, so an older client still signs in.
 */
const portalLanguage = z.enum(locales, "language_invalid").optional();

/**
 * The sign-in link's secret as the portal's link page reads it from the URL fragment: the code row's id and a
 * 128-bit secret, both base32 (bff/auth/sign-in-codes.ts).
 */
export const verifyLinkInputSchema = z.object({
  link: z
    .string()
    .trim()
    .regex(/^[a-z2-7]{24}\.[a-z2-7]{26}$/, "sign_in_link_invalid"),
  language: portalLanguage,
});
export type VerifyLinkInput = z.infer<typeof verifyLinkInputSchema>;

export const requestCodeInputSchema = z.object({ email: emailSchema, language: portalLanguage });
export type RequestCodeInput = z.infer<typeof requestCodeInputSchema>;

export const verifyCodeInputSchema = z.object({ email: emailSchema, code: signInCodeSchema, language: portalLanguage });
export type VerifyCodeInput = z.input<typeof verifyCodeInputSchema>;

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
