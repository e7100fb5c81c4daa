import { hash, verify } from "@node-rs/argon2";

/** OWASP's argon2id baseline (issue 2): 19 MiB, 2 passes, 1 lane. Runs on libuv's pool, off the event loop. */
const params = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, params);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. Without a stored hash (unknown user) it still spends the same work on a dummy,
 * so the answer's timing does not reveal which user names exist.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hashPassword("tietoni-dummy-password");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
