import { z } from "zod";
import { checkPostalCode, POSTAL_CODE_MAX_LENGTH } from "./postal-codes.ts";

/**
 * Validation of the contact fields a customer may edit directly.
 * Messages are error codes; the apps translate them (see errors/error-codes.ts).
 */
export const emailSchema = z.string().trim().toLowerCase().max(254, "email_invalid").pipe(z.email("email_invalid"));

/** International format: + and 7–15 digits, spaces and dashes allowed for readability. */
export const phoneSchema = z
  .string()
  .trim()
  .max(24, "phone_invalid")
  .regex(/^\+[1-9][0-9 -]{6,20}$/, "phone_invalid")
  .transform((v) => v.replace(/[ -]/g, ""))
  .refine((v) => v.length >= 8 && v.length <= 16, "phone_invalid");

export const wwwSchema = z
  .string()
  .trim()
  .max(2048, "url_invalid")
  .pipe(z.url({ protocol: /^https?$/, error: "url_invalid" }));

/**
 * A postal address. The postal code is checked for the address's country (postal-codes.ts: a known form in the
 * EU/EEA, the UK, Switzerland and the US, free text of up to 20 characters elsewhere), and the error names the
 * form expected; the code is stored normalised (upper case, single spaces).
 */
export const postalAddressSchema = z
  .object({
    street: z.string().trim().min(1, "required").max(200, "too_long"),
    postalCode: z.string().trim().min(1, "required").max(POSTAL_CODE_MAX_LENGTH, "postal_code_too_long"),
    city: z.string().trim().min(1, "required").max(100, "too_long"),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "country_invalid")
      .default("FI"),
  })
  .transform((address, ctx) => {
    const check = checkPostalCode(address.country, address.postalCode);
    if (check.ok) return { ...address, postalCode: check.postalCode };
    ctx.addIssue({ code: "custom", message: check.error, path: ["postalCode"] });
    return z.NEVER;
  });
export type PostalAddress = z.infer<typeof postalAddressSchema>;
