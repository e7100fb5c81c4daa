import { describe, expect, it } from "vitest";
import { checkNotice, type NoticeWarningCode } from "./notice-check.ts";
import { demoNotice } from "./notice-fixture.ts";
import type { RegisterDescription } from "./register-description.ts";

/**
 * A notice the check has nothing to say about: every purpose a service under the contract, cookies asked by a
 * banner, no transfers, ten years. Each case below breaks one statement and fixes it again.
 */
const clean: RegisterDescription = {
  ...demoNotice,
  purposes: [
    {
      id: "keepRegister",
      text: { fi: "Asiakasrekisterin ylläpitäminen.", en: "Keeping the customer register." },
      legalBasis: { article: "6(1)(b)", name: { fi: "Sopimus", en: "Contract" } },
    },
  ],
  transfersOutsideEea: {
    fi: "Henkilötietoja ei siirretä EU:n tai ETA:n ulkopuolelle.",
    en: "Personal data is not transferred outside the EU or the EEA.",
  },
  cookies: {
    ...demoNotice.cookies,
    text: { fi: "Käytämme vain välttämättömiä evästeitä.", en: "We use only necessary cookies." },
    consent: "banner",
  },
  retention: { ...demoNotice.retention, years: 10 },
};

const codes = (n: RegisterDescription): NoticeWarningCode[] => checkNotice(n).map((w) => w.code);
const contract = { article: "6(1)(b)", name: { fi: "Sopimus", en: "Contract" } };
const legitimateInterest = { article: "6(1)(f)", name: { fi: "Oikeutettu etu", en: "Legitimate interest" } };

describe("the notice check", () => {
  it("has nothing to say about a notice that states each thing soundly", () => {
    expect(checkNotice(clean)).toEqual([]);
  });

  it("questions the demo notice's contract basis for advertising, targeting, statistics and lists, its cookie consent by browser settings and its transfers without safeguards", () => {
    const warnings = checkNotice(demoNotice);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ["contractBasisForMarketing", "purposes.4"],
      ["contractBasisForMarketing", "purposes.5"],
      ["contractBasisForMarketing", "purposes.6"],
      ["contractBasisForMarketing", "purposes.7"],
      ["cookieConsentByBrowserSettings", "cookies.text"],
      ["transfersWithoutSafeguards", "transfersOutsideEea"],
    ]);
    expect(warnings.map((w) => demoNotice.purposes[Number(w.path.split(".")[1])]?.id).slice(0, 4)).toEqual([
      "statistics",
      "targetedContent",
      "ownAdvertising",
      "publishLists",
    ]);
    for (const w of warnings) {
      expect(w.reason.fi.length).toBeGreaterThan(40);
      expect(w.reason.en.length).toBeGreaterThan(40);
      expect(w.guidance.url).toMatch(/^https:\/\//);
      expect(w.guidance.title.fi).not.toBe(w.guidance.title.en);
    }
    expect(warnings[0]?.guidance.url).toContain("guidelines-22019");
  });

  it("reads a purpose's kind before its words", () => {
    const marketing = { id: "newsletter", text: { fi: "Uutiskirje.", en: "Newsletter." }, legalBasis: contract };
    expect(codes({ ...clean, purposes: [...clean.purposes, { ...marketing, kind: "marketing" }] })).toEqual([
      "contractBasisForMarketing",
    ]);
    expect(codes({ ...clean, purposes: [...clean.purposes, { ...marketing, kind: "profiling" }] })).toEqual([
      "contractBasisForMarketing",
    ]);
    // Words say marketing, the kind says service: the controller has decided, the check takes its word.
    const worded = { id: "ads", text: { fi: "Mainonta.", en: "Advertising." }, legalBasis: contract };
    expect(codes({ ...clean, purposes: [...clean.purposes, worded] })).toEqual(["contractBasisForMarketing"]);
    expect(codes({ ...clean, purposes: [...clean.purposes, { ...worded, kind: "service" }] })).toEqual([]);
    // Fixed: the same purpose on legitimate interest.
    expect(codes({ ...clean, purposes: [...clean.purposes, { ...worded, legalBasis: legitimateInterest }] })).toEqual(
      [],
    );
  });

  it("questions cookie consent left to the browser, stated or written", () => {
    expect(codes({ ...clean, cookies: { ...clean.cookies, consent: "browserSettings" } })).toEqual([
      "cookieConsentByBrowserSettings",
    ]);
    const written = { ...clean.cookies, consent: undefined, text: demoNotice.cookies.text };
    expect(checkNotice({ ...clean, cookies: written })[0]?.path).toBe("cookies.text");
    expect(codes({ ...clean, cookies: { ...written, consent: "banner" } })).toEqual([]);
  });

  it("questions transfers outside the EEA allowed without safeguards, not a flat no or named safeguards", () => {
    const allowed = { ...clean, transfersOutsideEea: demoNotice.transfersOutsideEea };
    expect(codes(allowed)).toEqual(["transfersWithoutSafeguards"]);
    const safeguards = { fi: "Vakiosopimuslausekkeet.", en: "Standard contractual clauses." };
    expect(codes({ ...allowed, transferSafeguards: safeguards })).toEqual([]);
    const stated = { fi: "Tietoja siirretään Yhdysvaltoihin.", en: "Data is transferred to the United States." };
    expect(codes({ ...clean, transfersOutsideEea: stated })).toEqual(["transfersWithoutSafeguards"]);
  });

  it("questions a retention without an end: no years, or a text with no period", () => {
    expect(checkNotice({ ...clean, retention: { ...clean.retention, years: null } })[0]?.path).toBe("retention.years");
    const noPeriod = { fi: "Tietoja säilytetään tarpeen mukaan.", en: "Data is kept as needed." };
    expect(checkNotice({ ...clean, retention: { ...clean.retention, text: noPeriod } })[0]?.path).toBe(
      "retention.text",
    );
    expect(
      codes({ ...clean, retention: { ...clean.retention, text: { fi: "Kuusi vuotta.", en: "Six years." } } }),
    ).toEqual([]);
  });

  it("changes nothing in the notice it reads", () => {
    const before = JSON.stringify(demoNotice);
    checkNotice(demoNotice);
    expect(JSON.stringify(demoNotice)).toBe(before);
  });
});
