import { type ApiError, type ErrorCode, errorMessages } from "@tietoni/domain";
import type { Context } from "hono";
import type { ClientErrorStatusCode, ServerErrorStatusCode } from "hono/utils/http-status";
import type { Failure } from "../services/result.ts";

type ErrorStatus = ClientErrorStatusCode | ServerErrorStatusCode;

/**
 * Every error answer of the BFF, built from the domain's `ApiError` type: the apps translate `code`; `message` is
 * for a developer reading the network log. Typed by its status, so `hc` clients see each route's error answers.
 *
 * @example
 * if (!found) return apiError(c, 404, "not_found", "No such request");
 */
export function apiError<S extends ErrorStatus, C extends ErrorCode>(
  c: Context,
  status: S,
  code: C,
  message: string = code,
  fields?: NonNullable<ApiError["error"]["fields"]>,
) {
  const body = { error: fields ? { code, message, fields } : { code, message } } satisfies ApiError;
  return c.json(body, status);
}

/** A service's refusal as the error answer: its status, its code, and the field it concerns. */
export function failure<F extends Failure>(c: Context, f: F) {
  return apiError(c, f.status, f.code, errorMessages[f.code].en, f.path ? [{ path: f.path, code: f.code }] : undefined);
}
