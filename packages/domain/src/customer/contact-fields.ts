import { z } from "zod";

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

/** Finnish postal codes are five digits. */
export const finnishPostalCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9]{5}$/, "postal_code_invalid");

export const wwwSchema = z
  .string()
  .trim()
  .max(2048, "url_invalid")
  .pipe(z.url({ protocol: /^https?$/, error: "url_invalid" }));

export const postalAddressSchema = z.object({
  street: z.string().trim().min(1, "required").max(200, "too_long"),
  postalCode: finnishPostalCodeSchema,
  city: z.string().trim().min(1, "required").max(100, "too_long"),
  country: z.string().trim().length(2, "country_invalid").default("FI"),
});
export type PostalAddress = z.infer<typeof postalAddressSchema>;
