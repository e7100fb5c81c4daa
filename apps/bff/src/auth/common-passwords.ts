import fs from "node:fs";
import path from "node:path";
import { bffRoot } from "../paths.ts";

/*
 * NIST SP 800-63B §5.1.1.2: refuse passwords found in lists of commonly used or breached passwords.
 * The shipped list (one lower-cased password a line) holds about a thousand of the best-known ones.
 */
let list: Set<string> | undefined;

function commonPasswords(): Set<string> {
  list ??= new Set(
    fs
      // From the package folder, not this module's: the bundled server (dist/) reads the same file (issue 15 D).
      .readFileSync(path.join(bffRoot, "src/auth/common-passwords.txt"), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0),
  );
  return list;
}

/** Whether the password, compared without regard to case, is on the list. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}
