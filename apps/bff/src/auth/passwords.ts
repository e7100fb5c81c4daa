import os from "node:os";
import { createConcurrencyLimit } from "./concurrency-limit.ts";
import { createHashingThreads } from "./hashing-threads.ts";

/** OWASP's argon2id baseline (issue 2): 19 MiB, 2 passes, 1 lane. Runs off the event loop, see below. */
const params = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/*
 * Off the event loop is not enough. On libuv's pool (four threads) 20 simultaneous staff sign-ins took both cores
 * of a 2-core machine, and customers' reads fell to a fraction of their rate (bench P6). So hashing waits its turn,
 * at most cores−1 at once (one on two cores), on threads of lower CPU priority than the event loop.
 */
export const hashingSlots = Math.max(1, os.availableParallelism() - 1);
export const hashingLimit = createConcurrencyLimit(hashingSlots);
const threads = createHashingThreads(hashingSlots);

export function hashPassword(password: string): Promise<string> {
  return hashingLimit.run(() => threads.hash(password, params));
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. Without a stored hash (unknown user) it still spends the same work on a dummy, in the same
 * queue and on the same threads, so the answer's timing does not reveal which user names exist.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hashPassword("tietoni-dummy-password");
    const dummy = await dummyHash;
    await hashingLimit.run(() => threads.verify(dummy, password)).catch(() => false);
    return false;
  }
  return hashingLimit.run(() => threads.verify(stored, password)).catch(() => false);
}
