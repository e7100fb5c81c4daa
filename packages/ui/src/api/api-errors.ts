import { ApiError } from "./call-api.ts";

/** The error code per field path ("postalAddress.postalCode") of a refused request. */
export function fieldErrors(err: unknown): Map<string, string> {
  return new Map(err instanceof ApiError ? err.fields.map((f) => [f.path, f.code]) : []);
}

/**
 * The form-level error: the code of a refusal that no field of the form explains (a conflict, a server error),
 * or null when every problem is shown next to its field.
 */
export function formError(err: unknown, paths: readonly string[]): string | null {
  if (!err) return null;
  if (!(err instanceof ApiError)) return "server_error";
  if (err.fields.some((f) => paths.includes(f.path))) return null;
  return err.code;
}
