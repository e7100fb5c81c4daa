import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { registerDescription, useNoticeFile } from "../notice/notice.ts";
import { controllerNameWords, isCommonPassword } from "./common-passwords.ts";

const demoFile = path.resolve(import.meta.dirname, "../../../../notices/mastermark.json");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-passwords-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The demo notice under another controller's name. */
function noticeNamed(name: string): string {
  const notice = JSON.parse(fs.readFileSync(demoFile, "utf8")) as { controller: { name: string } };
  notice.controller.name = name;
  const file = path.join(dir, `${name.replace(/\W+/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(notice));
  return file;
}

describe("the controller's name as a password (issue 15: from the notice, not the shipped list)", () => {
  it("takes the name's words, not its company form", () => {
    expect(controllerNameWords("Esimerkki Oy")).toEqual(["esimerkki"]);
    expect(controllerNameWords("Nordic Widget Works Ltd")).toEqual(["nordic", "widget", "works", "nordicwidgetworks"]);
    expect(controllerNameWords("AB Oy")).toEqual([]);
  });

  it("refuses the loaded controller's name dressed up with digits and punctuation, and only that controller's", () => {
    useNoticeFile(noticeNamed("Esimerkki Oy"));
    for (const p of ["esimerkki", "Esimerkki1", "ESIMERKKI123", "esimerkki2024!", "  Esimerkki  "]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    // A passphrase that merely contains the name is allowed, as is the name of a controller not loaded.
    expect(isCommonPassword("esimerkki on hyvä yritys")).toBe(false);
    useNoticeFile(noticeNamed("Toinen Yritys Oy"));
    expect(isCommonPassword("Esimerkki1")).toBe(false);
    expect(isCommonPassword("ToinenYritys99")).toBe(true);
    expect(isCommonPassword("yritys!")).toBe(true);
  });

  it("refuses the demo controller's name through its notice, though the shipped list no longer carries it", () => {
    const name = useNoticeFile(demoFile).controller.name;
    const word = controllerNameWords(name)[0] ?? "";
    expect(word.length).toBeGreaterThan(3);
    const shipped = fs.readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8");
    expect(shipped.split("\n")).not.toContain(word);
    expect(isCommonPassword(`${word}123`)).toBe(true);
    expect(registerDescription.controller.name).toBe(name);
    // The shipped list still works.
    expect(isCommonPassword("Password1234")).toBe(true);
  });
});
