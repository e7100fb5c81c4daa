import { randomInt } from "node:crypto";
import { checkSignInCode, type SignInCodeState } from "@tietoni/domain";
import { digestsEqual } from "./tokens.ts";

/** A code of `digits` decimal digits, uniformly random, leading zeros kept: what every mailed code is. */
export function randomDigits(digits: number): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, "0");
}

/** A mailed code as its table keeps it: the row id salts `codeHash`. */
export type StoredCode = SignInCodeState & { id: string; codeHash: string };

/**
 * One try of a typed code against the stored one (the e-mail change's and the re-authentication's codes): null when
 * the code can no longer be tried (used, expired, out of tries: nothing to write); otherwise the row's id, whether
 * it matched and what the row becomes, since every try counts and a right one is used up. The caller writes `set` to its own table
 * and commits it even when the code was wrong.
 */
export function tryStoredCode(
  stored: StoredCode | undefined,
  typed: string,
  digest: (id: string, code: string) => string,
  at: number,
): { id: string; matches: boolean; set: { attempts: number; consumedAt: number | null } } | null {
  if (!stored || checkSignInCode(stored, at) !== "usable") return null;
  const matches = digestsEqual(stored.codeHash, digest(stored.id, typed));
  return { id: stored.id, matches, set: { attempts: stored.attempts + 1, consumedAt: matches ? at : null } };
}
