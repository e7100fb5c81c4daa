import { ApiError } from "./call-api.ts";

/** The code of a failed call: the BFF's own, or server_error for anything else (network, crash); null if none. */
export function errorCode(err: unknown): string | null {
  if (!err) return null;
  return err instanceof ApiError ? err.code : "server_error";
}

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
