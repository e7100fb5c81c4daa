export type ParsedAddress = { street: string; postalCode: string; city: string; country: string | null };

// Finnish (and most EU) postal codes: five digits; Swedish ones are often written "123 45".
const POSTAL_CITY = /^(\d{5}|\d{3} \d{2})\s+(\S.*)$/;
const COUNTRY = /^[A-Za-z]{2}$/;

/**
 * Reads a billing (or postal) address the customer typed in a correction request. The register shows billing addresses as
 * "street, 00000 city, CC" (currentValueOf), so that is what customers copy and edit; the comma before the postal
 * code and the country are optional. Anything else is not guessed at: null, and staff ask the customer.
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
  const tail = parts.pop();
  if (!tail) return null;
  const withComma = tail.match(POSTAL_CITY);
  if (withComma?.[1] && withComma[2] && parts.length > 0) {
    return { street: parts.join(", "), postalCode: withComma[1].replace(" ", ""), city: withComma[2], country };
  }
  // "Street 1 00100 City": no comma between the street and the postal code.
  const inline = tail.match(/^(.*\S)\s+(\d{5}|\d{3} \d{2})\s+(\S.*)$/);
  if (inline?.[1] && inline[2] && inline[3]) {
    return {
      street: [...parts, inline[1]].join(", "),
      postalCode: inline[2].replace(" ", ""),
      city: inline[3],
      country,
    };
  }
  return null;
}
