import type { ErrorCode } from "@tietoni/domain";
import type { Db, Tx } from "../db/port.ts";

/*
 * What every service function answers: a success with its data, or a refusal the route maps to its status as it
 * is (`failure(c, result)` in http/api-error.ts). A refusal is an answer, not an exception; exceptions are bugs
 * and outages.
 */

export type FailureStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429 | 503;
export type Failure = { ok: false; status: FailureStatus; code: ErrorCode; path?: string };
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

export const fail = (status: FailureStatus, code: ErrorCode, path?: string): Failure => ({
  ok: false,
  status,
  code,
  ...(path ? { path } : {}),
});

export const notFound = () => fail(404, "not_found");
export const invalidState = () => fail(409, "invalid_state");

class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}

/**
 * Runs `fn` in one transaction and rolls it back when it answers with a refusal, so a refused step changes
 * nothing, whatever it wrote before it found the reason to refuse.
 */
export async function transact<T extends object>(db: Db, fn: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction(async (tx) => {
      const result = await fn(tx);
      if (!result.ok) throw new Refused(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}
