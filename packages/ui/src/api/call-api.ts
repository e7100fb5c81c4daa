import { type ClientResponse, DetailedError, parseResponse } from "hono/client";

/** A refused request; `code` is the BFF's error code, which the UI translates. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields: { path: string; code: string }[] = [],
  ) {
    super(code);
    this.name = "ApiError";
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

function toApiError(err: unknown): unknown {
  if (!(err instanceof DetailedError)) return err;
  const data: unknown = isRecord(err.detail) ? err.detail.data : null;
  const error = isRecord(data) && isRecord(data.error) ? data.error : {};
  const fields = Array.isArray(error.fields)
    ? error.fields.flatMap((f: unknown) =>
        isRecord(f) && typeof f.path === "string" && typeof f.code === "string" ? [{ path: f.path, code: f.code }] : [],
      )
    : [];
  const status = typeof err.statusCode === "number" ? err.statusCode : 500;
  return new ApiError(status, typeof error.code === "string" ? error.code : "server_error", fields);
}

/**
 * Calls a typed Hono client endpoint: resolves with the success body (typed from the BFF's routes)
 * or rejects with an ApiError carrying the BFF's error code.
 *
 * @example
 * const record = await callApi(api["my-data"].$get());
 */
/**
 * Calls a typed Hono client endpoint: resolves with the success body (typed from the BFF's routes)
 * or rejects with an ApiError carrying the BFF's error code.
 *
 * @example
 * const record = await callApi(api["my-data"].$get());
 */
/** A read of the session: 401 means nobody is signed in, which is an answer (null) rather than an error. */
export const nullWhenSignedOut = <T>(call: Promise<T>): Promise<T | null> =>
  call.catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  });

export const callApi = <T extends ClientResponse<unknown>>(response: Promise<T>) =>
  parseResponse(response).catch((err: unknown) => {
    throw toApiError(err);
  });
