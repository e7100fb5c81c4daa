import { zValidator } from "@hono/zod-validator";
import { type ErrorCode, isErrorCode } from "@tietoni/domain";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { apiError } from "../../http/api-error.ts";

/** Zod's issue messages are our error codes; anything else (a type mismatch) is plain invalid input. */
function toCode(message: string): ErrorCode {
  return isErrorCode(message) ? message : "invalid_input";
}

/**
 * zValidator with the BFF's error shape: 400, a code the apps translate, and one code per field.
 *
 * @example
 * .post("/", validate("json", requestCodeInputSchema), (c) => { const { email } = c.req.valid("json"); … })
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) =>
  zValidator(target, schema, (result, c) => {
    if (result.success) return;
    const fields = result.error.issues.map((issue) => ({ path: issue.path.join("."), code: toCode(issue.message) }));
    const first = fields[0]?.code ?? "invalid_input";
    return apiError(c, 400, first, `Invalid ${target}`, fields);
  });
