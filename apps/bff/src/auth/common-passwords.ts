import fs from "node:fs";
import path from "node:path";
import { registerDescription } from "../notice/notice.ts";
import { bffRoot } from "../paths.ts";

/*
 * NIST SP 800-63B §5.1.1.2: refuse passwords found in lists of commonly used or breached passwords, and
 * "context-specific words, such as the name of the service". The shipped list (one lower-cased password a line)
 * holds about a thousand of the best-known ones; the controller's name is not in it (issue 15: no controller in
 * the code) but taken from the notice this process serves, so every controller's staff are kept from their own
 * company's name.
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

/** Company forms that name no one ("Esimerkki Oy", "Example Ltd"): refusing "oyj123" would help nobody. */
const LEGAL_FORMS = new Set(["oy", "oyj", "ab", "abp", "ky", "ay", "tmi", "ry", "ltd", "llc", "inc", "plc", "gmbh"]);

/**
 * The words of a controller's name a password must not be (with digits or punctuation around them, the way people
 * dress them up: "Esimerkki1", "example2024!"): each word of three letters or more that is not a company form, and
 * the whole name without spaces. Lower-cased, letters and digits only.
 */
export function controllerNameWords(name: string): string[] {
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !LEGAL_FORMS.has(w));
  const joined = words.join("");
  return [...new Set(joined.length >= 3 ? [...words, joined] : words)];
}

const isControllerWord = (password: string): boolean => {
  // Digits and punctuation stripped from both ends: what is left must not be one of the name's words.
  const core = password
    .toLowerCase()
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "")
    .replace(/[\s_.-]+/g, "");
  // Read at each call: the notice is loaded at start (createDeps), after this module.
  const name = registerDescription?.controller.name;
  return name !== undefined && controllerNameWords(name).includes(core);
};

/** Whether the password, compared without regard to case, is on the list or is the controller's name dressed up. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase()) || isControllerWord(password.trim());
}
