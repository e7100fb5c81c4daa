import { z } from "zod";
import { emailSchema, phoneSchema, postalAddressSchema, wwwSchema } from "../customer/contact-fields.ts";
import { type CorrectableField, correctableByRequest } from "../requests/request-model.ts";

/** Contact fields the customer edits directly (validated); everything else goes through a request. */
export const directlyEditableFields = ["phone", "postalAddress", "www"] as const;
export type DirectlyEditableField = (typeof directlyEditableFields)[number];

/** A direct edit of contact fields. `null` clears a field the customer no longer wants held. */
export const updateContactInputSchema = z
  .object({
    phone: phoneSchema.nullable().optional(),
    postalAddress: postalAddressSchema.nullable().optional(),
    www: wwwSchema.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "required");
export type UpdateContactInput = z.infer<typeof updateContactInputSchema>;

/** A new e-mail address takes effect only after the code sent to it is entered. */
export const startEmailChangeInputSchema = z.object({ email: emailSchema });
export const confirmEmailChangeInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, "code_format"),
});

export type EditCheck = { allowed: true } | { allowed: false; reason: "record_restricted" };

/**
 * Art. 18: while processing is restricted the record is not changed, except to resolve the request
 * that restricted it — which staff do, not the customer's self-service edits.
 */
export function checkDirectEdit(state: { restricted: boolean }): EditCheck {
  return state.restricted ? { allowed: false, reason: "record_restricted" } : { allowed: true };
}

/**
 * The fields the portal offers in a correction request. The contact fields are left out while the customer can
 * edit them on the contact page, and offered while the record is restricted, when that edit is refused: the
 * customer can still ask for the disputed data to be corrected (Art. 16, 18(1)(a)).
 */
export function correctionRequestFields(state: { restricted: boolean }): readonly CorrectableField[] {
  const direct: readonly string[] = directlyEditableFields;
  return state.restricted ? correctableByRequest : correctableByRequest.filter((f) => !direct.includes(f));
}
