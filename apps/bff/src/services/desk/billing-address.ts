import { checkPostalCode, postalCodeFormat } from "@tietoni/domain";

export type ParsedAddress = { street: string; postalCode: string; city: string; country: string | null };

// Finnish (and most EU) postal codes: five digits; Swedish ones are often written "123 45".
const POSTAL_CITY = /^(\d{5}|\d{3} \d{2})\s+(\S.*)$/;
const COUNTRY = /^[A-Za-z]{2}$/;

/**
 * "1234 AB Amsterdam", "SW1A 2AA London", "8001 Zürich": the first one to three words that make a valid postal code
 * for the country (the domain's check), the rest the city. Where the country has no known form, only the first word
 * can be the code, since free text gives no other way to tell where it ends.
 */
function splitForCountry(tail: string, country: string): { postalCode: string; city: string } | null {
  const words = tail.split(" ");
  const most = postalCodeFormat(country) ? 3 : 1;
  for (let n = 1; n <= Math.min(most, words.length - 1); n++) {
    const check = checkPostalCode(country, words.slice(0, n).join(" "));
    if (check.ok) return { postalCode: check.postalCode, city: words.slice(n).join(" ") };
  }
  return null;
}

/**
 * Reads a billing (or postal) address the customer typed in a correction request. The register shows billing addresses as
 * "street, 00000 city, CC" (currentValueOf), so that is what customers copy and edit; the comma before the postal
 * code and the country are optional. The postal code must be valid for the country (Finland when none is given), by
 * the same check as every other address. Anything else is not guessed at: null, and staff ask the customer.
 */
export function parseBillingAddress(value: string): ParsedAddress | null {
  const parts = value
    .split(",")
    .map((p) => p.trim().replace(/\s+/g, " "))
    .filter(Boolean);
  let country: string | null = null;
  const last = parts.at(-1);
  if (parts.length >= 2 && last && COUNTRY.test(last)) {
    country = last.toUpperCase();
    parts.pop();
  }
  const valid = (address: ParsedAddress) => (checkPostalCode(country ?? "FI", address.postalCode).ok ? address : null);
  const tail = parts.pop();
  if (!tail) return null;
  const withComma = tail.match(POSTAL_CITY);
  if (withComma?.[1] && withComma[2] && parts.length > 0) {
    return valid({ street: parts.join(", "), postalCode: withComma[1].replace(" ", ""), city: withComma[2], country });
  }
  // An address abroad in its own country's form, after a comma: "Street 1, SW1A 2AA London, GB".
  const abroad = country && parts.length > 0 ? splitForCountry(tail, country) : null;
  if (abroad) return { street: parts.join(", "), ...abroad, country };
  // "Street 1 00100 City": no comma between the street and the postal code.
  const inline = tail.match(/^(.*\S)\s+(\d{5}|\d{3} \d{2})\s+(\S.*)$/);
  if (inline?.[1] && inline[2] && inline[3]) {
    return valid({
      street: [...parts, inline[1]].join(", "),
      postalCode: inline[2].replace(" ", ""),
      city: inline[3],
      country,
    });
  }
  return null;
}
