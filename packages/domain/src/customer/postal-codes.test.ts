import { describe, expect, it } from "vitest";
import { checkPostalCode, postalCodeFormat, postalCodeFormByCountry, postalCodeHint } from "./postal-codes.ts";

const ok = (country: string, code: string) => checkPostalCode(country, code);

describe("postal codes by country", () => {
  it("covers the EU, the EEA, the UK, Switzerland and the US", () => {
    const eu = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split(" ");
    for (const country of [...eu, "IS", "LI", "NO", "GB", "CH", "US"]) {
      expect(postalCodeFormByCountry[country], country).toBeDefined();
      // Each form's own example passes its own check: hints never show a code the check refuses.
      const example = postalCodeFormat(country)?.example ?? "";
      expect(checkPostalCode(country, example), `${country} ${example}`).toMatchObject({ ok: true });
    }
  });

  it("Finland: five digits, and the error says so", () => {
    expect(ok("FI", " 20380 ")).toEqual({ ok: true, postalCode: "20380" });
    for (const bad of ["2038", "203801", "2O380", "FI-20380"])
      expect(ok("FI", bad)).toEqual({ ok: false, error: "postal_code_invalid" });
    expect(ok("fi", "00100")).toMatchObject({ ok: true });
  });

  it("digit-count countries: three (IS), four (AT, CH, NO, DK), five (DE, FR), six (RO)", () => {
    expect(ok("IS", "101")).toMatchObject({ ok: true });
    expect(ok("IS", "1010")).toEqual({ ok: false, error: "postal_code_three_digits" });
    for (const country of ["AT", "CH", "NO", "DK"]) {
      expect(ok(country, "1010")).toMatchObject({ ok: true });
      expect(ok(country, "10100")).toEqual({ ok: false, error: "postal_code_four_digits" });
    }
    expect(ok("DE", "10115")).toMatchObject({ ok: true });
    expect(ok("FR", "7500")).toEqual({ ok: false, error: "postal_code_five_digits" });
    expect(ok("RO", "010011")).toMatchObject({ ok: true });
    expect(ok("RO", "01001")).toEqual({ ok: false, error: "postal_code_six_digits" });
  });

  it("Sweden and its kin: 123 45, with or without the space", () => {
    expect(ok("SE", "123 45")).toEqual({ ok: true, postalCode: "123 45" });
    expect(ok("SE", "12345")).toMatchObject({ ok: true });
    expect(ok("CZ", "110 00")).toMatchObject({ ok: true });
    expect(ok("SE", "1234")).toEqual({ ok: false, error: "postal_code_form_123_45" });
  });

  it("lettered forms: NL, PL, PT, LV, LT, MT, IE, normalised to upper case", () => {
    expect(ok("NL", "1234 ab")).toEqual({ ok: true, postalCode: "1234 AB" });
    expect(ok("NL", "1234")).toEqual({ ok: false, error: "postal_code_form_nl" });
    expect(ok("PL", "00-950")).toMatchObject({ ok: true });
    expect(ok("PL", "00950")).toEqual({ ok: false, error: "postal_code_form_pl" });
    expect(ok("PT", "1000-001")).toMatchObject({ ok: true });
    expect(ok("PT", "1000")).toEqual({ ok: false, error: "postal_code_form_pt" });
    expect(ok("LV", "lv-1010")).toEqual({ ok: true, postalCode: "LV-1010" });
    expect(ok("LT", "LT-01100")).toMatchObject({ ok: true });
    expect(ok("MT", "VLT 1117")).toMatchObject({ ok: true });
    expect(ok("MT", "1117")).toEqual({ ok: false, error: "postal_code_form_mt" });
    expect(ok("IE", "D02 X285")).toMatchObject({ ok: true });
    expect(ok("IE", "Dublin 2")).toEqual({ ok: false, error: "postal_code_form_ie" });
  });

  it("the United Kingdom and the United States", () => {
    for (const code of ["SW1A 1AA", "sw1a1aa", "M1 1AE", "B33 8TH", "EC1A 1BB"])
      expect(ok("GB", code)).toMatchObject({ ok: true });
    expect(ok("GB", "12345")).toEqual({ ok: false, error: "postal_code_form_gb" });
    expect(ok("US", "90210")).toMatchObject({ ok: true });
    expect(ok("US", "90210-1234")).toMatchObject({ ok: true });
    expect(ok("US", "9021")).toEqual({ ok: false, error: "postal_code_form_us" });
  });

  it("elsewhere: any text up to 20 characters, never empty", () => {
    expect(ok("JP", "100-0001")).toEqual({ ok: true, postalCode: "100-0001" });
    expect(ok("BR", "01310-100")).toMatchObject({ ok: true });
    expect(ok("HK", "n/a")).toEqual({ ok: true, postalCode: "N/A" });
    expect(ok("JP", "x".repeat(20))).toMatchObject({ ok: true });
    expect(ok("JP", "x".repeat(21))).toEqual({ ok: false, error: "postal_code_too_long" });
    expect(ok("JP", "   ")).toEqual({ ok: false, error: "required" });
    expect(postalCodeFormat("JP")).toBeNull();
  });

  it("gives a translated hint for every country", () => {
    expect(postalCodeHint("SE")).toEqual({ fi: "Esimerkiksi 123 45.", en: "For example 123 45." });
    expect(postalCodeHint("JP").en).toMatch(/20 characters/);
  });
});
