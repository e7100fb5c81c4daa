import { z } from "zod";
import { systemNameSchema } from "./connected-systems.ts";
import { importKinds } from "./inbound.ts";

/*
 * The staff app's import page (issue 12): the upload's query (the file itself is the raw request body) and the
 * apply step's body. `pnpm data:import` takes the same facts as options.
 */

export const importUploadQuerySchema = z.object({
  system: systemNameSchema,
  /** The file's own name: told in the report, and its extension tells a JSON Lines file. */
  fileName: z
    .string()
    .trim()
    .min(1, "required")
    .max(255, "too_long")
    // A name, not a path: no slashes, no control characters.
    .refine((name) => !/[/\\]/.test(name) && ![...name].some((ch) => ch.charCodeAt(0) < 0x20), "invalid_input"),
  kind: z.enum(importKinds, "invalid_input").optional(),
});
export type ImportUploadQuery = z.infer<typeof importUploadQuerySchema>;

export const importApplySchema = z.strictObject({
  /** Apply the valid rows even though others were refused. */
  acceptValid: z.boolean(),
});
