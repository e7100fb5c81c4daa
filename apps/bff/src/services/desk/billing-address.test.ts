import { describe, expect, it } from "vitest";
import { parseBillingAddress } from "./billing-address.ts";

describe("billing address parsing, addresses abroad (issue 11 item 6)", () => {
  it("reads postal codes in their country's own form", () => {
    expect(parseBillingAddress("Keizersgracht 1, 1015 cj Amsterdam, NL")).toEqual({
      street: "Keizersgracht 1",
      postalCode: "1015 CJ",
      city: "Amsterdam",
      country: "NL",
    });
    expect(parseBillingAddress("10 Downing Street, SW1A 2AA London, GB")).toMatchObject({
      postalCode: "SW1A 2AA",
      city: "London",
    });
    expect(parseBillingAddress("Bahnhofstrasse 1, 8001 Zürich, CH")).toMatchObject({
      postalCode: "8001",
      city: "Zürich",
    });
    expect(parseBillingAddress("1 Main St, 90210-1234 Beverly Hills, US")).toMatchObject({
      postalCode: "90210-1234",
      city: "Beverly Hills",
    });
    expect(parseBillingAddress("1-1 Chiyoda, 100-0001 Tokyo, JP")).toMatchObject({
      postalCode: "100-0001",
      city: "Tokyo",
    });
  });

  it("refuses a postal code that is wrong for the country", () => {
    expect(parseBillingAddress("Piiskakuja 1, 2038 Turku, FI")).toBeNull();
    expect(parseBillingAddress("Hauptstraße 1, 1011 Wien, DE")).toBeNull();
    expect(parseBillingAddress("Bahnhofstrasse 1, 80011 Zürich, CH")).toBeNull();
  });
});
