import type { ErrorCode } from "../errors/error-codes.ts";
import type { Localized } from "../i18n/localized.ts";

/**
 * Postal codes by country. EU/EEA countries, the United Kingdom, Switzerland and the United States have a known form
 * and are checked against it; anywhere else the code is free text of at most 20 characters, since the register cannot
 * know every country's rules and must not refuse a real address abroad.
 */

/** The longest postal code accepted anywhere, and the only rule for countries without a known form. */
export const POSTAL_CODE_MAX_LENGTH = 20;

type PostalCodeForm = {
  /** Tested on the normalised code (upper case, single spaces). */
  readonly pattern: RegExp;
  /** A real-looking example, shown as the hint and in the error. */
  readonly example: string;
  /** The translated error naming this form. */
  readonly error: ErrorCode;
  /** Only digits: the form may offer a numeric keyboard. */
  readonly numeric: boolean;
};

const digits = (n: number, example: string, error: ErrorCode): PostalCodeForm => ({
  pattern: new RegExp(`^[0-9]{${n}}$`),
  example,
  error,
  numeric: true,
});

const forms = {
  finland: digits(5, "20380", "postal_code_invalid"),
  threeDigits: digits(3, "101", "postal_code_three_digits"),
  fourDigits: digits(4, "1010", "postal_code_four_digits"),
  fiveDigits: digits(5, "10115", "postal_code_five_digits"),
  sixDigits: digits(6, "010011", "postal_code_six_digits"),
  // Sweden, Czechia, Slovakia and Greece write "123 45"; the space is often left out.
  spacedFive: { pattern: /^[0-9]{3} ?[0-9]{2}$/, example: "123 45", error: "postal_code_form_123_45", numeric: true },
  netherlands: { pattern: /^[0-9]{4} ?[A-Z]{2}$/, example: "1234 AB", error: "postal_code_form_nl", numeric: false },
  poland: { pattern: /^[0-9]{2}-[0-9]{3}$/, example: "00-950", error: "postal_code_form_pl", numeric: false },
  portugal: { pattern: /^[0-9]{4}-[0-9]{3}$/, example: "1000-001", error: "postal_code_form_pt", numeric: false },
  latvia: { pattern: /^(LV-)?[0-9]{4}$/, example: "LV-1010", error: "postal_code_form_lv", numeric: false },
  lithuania: { pattern: /^(LT-)?[0-9]{5}$/, example: "LT-01100", error: "postal_code_form_lt", numeric: false },
  luxembourg: { pattern: /^(L-)?[0-9]{4}$/, example: "1009", error: "postal_code_four_digits", numeric: false },
  malta: { pattern: /^[A-Z]{3} ?[0-9]{4}$/, example: "VLT 1117", error: "postal_code_form_mt", numeric: false },
  // Eircode: a routing key (a letter and two digits, or D6W) and a four-character identifier.
  ireland: {
    pattern: /^([A-Z][0-9]{2}|D6W) ?[0-9A-Z]{4}$/,
    example: "D02 X285",
    error: "postal_code_form_ie",
    numeric: false,
  },
  unitedKingdom: {
    pattern: /^([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|GIR ?0AA)$/,
    example: "SW1A 1AA",
    error: "postal_code_form_gb",
    numeric: false,
  },
  unitedStates: {
    pattern: /^[0-9]{5}(-[0-9]{4})?$/,
    example: "12345-6789",
    error: "postal_code_form_us",
    numeric: false,
  },
} as const satisfies Record<string, PostalCodeForm>;

/** ISO 3166-1 alpha-2 code → the form of its postal codes: the EU, the EEA, the UK, Switzerland and the US. */
export const postalCodeFormByCountry: Readonly<Record<string, keyof typeof forms>> = {
  // EU
  AT: "fourDigits",
  BE: "fourDigits",
  BG: "fourDigits",
  CY: "fourDigits",
  CZ: "spacedFive",
  DE: "fiveDigits",
  DK: "fourDigits",
  EE: "fiveDigits",
  ES: "fiveDigits",
  FI: "finland",
  // Åland has its own country code and Finnish five-digit codes (22100).
  AX: "finland",
  FR: "fiveDigits",
  GR: "spacedFive",
  HR: "fiveDigits",
  HU: "fourDigits",
  IE: "ireland",
  IT: "fiveDigits",
  LT: "lithuania",
  LU: "luxembourg",
  LV: "latvia",
  MT: "malta",
  NL: "netherlands",
  PL: "poland",
  PT: "portugal",
  RO: "sixDigits",
  SE: "spacedFive",
  SI: "fourDigits",
  SK: "spacedFive",
  // EEA outside the EU
  IS: "threeDigits",
  LI: "fourDigits",
  NO: "fourDigits",
  // The United Kingdom, Switzerland, the United States
  GB: "unitedKingdom",
  CH: "fourDigits",
  US: "unitedStates",
};

/** Upper case and single spaces: "sw1a  1aa " and "SW1A 1AA" are the same code. */
export function normalisePostalCode(postalCode: string): string {
  return postalCode.trim().replace(/\s+/g, " ").toUpperCase();
}

function formOf(country: string): PostalCodeForm | null {
  const id = postalCodeFormByCountry[country.trim().toUpperCase()];
  return id === undefined ? null : forms[id];
}

/** What a postal code in the country looks like, for hints: null where any text up to 20 characters goes. */
export function postalCodeFormat(country: string): { example: string; numeric: boolean } | null {
  const form = formOf(country);
  return form && { example: form.example, numeric: form.numeric };
}

/** A hint for the postal code field of an address in the country, in both languages. */
export function postalCodeHint(country: string): Localized {
  const form = formOf(country);
  return form
    ? { fi: `Esimerkiksi ${form.example}.`, en: `For example ${form.example}.` }
    : {
        fi: `Enintään ${POSTAL_CODE_MAX_LENGTH} merkkiä, siinä muodossa kuin se kirjoitetaan maassa.`,
        en: `Up to ${POSTAL_CODE_MAX_LENGTH} characters, written as in the country.`,
      };
}

export type PostalCodeCheck = { ok: true; postalCode: string } | { ok: false; error: ErrorCode };

/**
 * Checks a postal code for its country (ISO alpha-2) and gives it back normalised, or the error that names the
 * country's form. Countries without a known form take any text of 1–20 characters.
 */
export function checkPostalCode(country: string, postalCode: string): PostalCodeCheck {
  const value = normalisePostalCode(postalCode);
  if (value === "") return { ok: false, error: "required" };
  const form = formOf(country);
  if (!form)
    return value.length <= POSTAL_CODE_MAX_LENGTH
      ? { ok: true, postalCode: value }
      : { ok: false, error: "postal_code_too_long" };
  return form.pattern.test(value) ? { ok: true, postalCode: value } : { ok: false, error: form.error };
}
