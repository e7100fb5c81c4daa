import os from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { createConcurrencyLimit } from "./concurrency-limit.ts";

/** OWASP's argon2id baseline (issue 2): 19 MiB, 2 passes, 1 lane. Runs on libuv's pool, off the event loop. */
const params = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Off the event loop is not enough: libuv's pool has four threads, and four argon2id runs at once take every core
 * of a small machine from the event loop, so a burst of staff sign-ins stalls every customer's request (bench P6).
 * Hashing waits its turn so one core is always left to the event loop; on one core, one hash at a time.
 */
export const hashingLimit = createConcurrencyLimit(Math.max(1, os.availableParallelism() - 1));

export function hashPassword(password: string): Promise<string> {
  return hashingLimit.run(() => hash(password, params));
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. Without a stored hash (unknown user) it still spends the same work on a dummy, in the same
 * queue, so the answer's timing does not reveal which user names exist.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hashPassword("tietoni-dummy-password");
    const dummy = await dummyHash;
    await hashingLimit.run(() => verify(dummy, password)).catch(() => false);
    return false;
  }
  return hashingLimit.run(() => verify(stored, password)).catch(() => false);
}
