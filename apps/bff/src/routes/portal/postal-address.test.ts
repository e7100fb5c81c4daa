import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { customers } from "../../db/schema.ts";
import { PORTAL_ORIGIN, withBothDemoCustomers } from "../../test/test-context.ts";

/** Issue 11 item 6: postal codes are checked for the address's country, not as five digits everywhere. */
const { t, idA: A, cookieA } = await withBothDemoCustomers();

const patch = (body: unknown) =>
  t.portal.request("/api/portal/contact", {
    method: "PATCH",
    headers: { "content-type": "application/json", origin: PORTAL_ORIGIN, cookie: cookieA },
    body: JSON.stringify(body),
  });
const address = async () => {
  const row = await t.db.select().from(customers).where(eq(customers.id, A)).get();
  return { street: row?.street, postalCode: row?.postalCode, city: row?.city, country: row?.country };
};

describe("postal addresses abroad", () => {
  it("saves a Swedish, a British and a US address in their own forms", async () => {
    const cases = [
      { street: "Storgatan 1", postalCode: "123 45", city: "Stockholm", country: "SE" },
      { street: "10 Downing Street", postalCode: "sw1a 2aa", city: "London", country: "gb" },
      { street: "1600 Pennsylvania Avenue NW", postalCode: "20500-0003", city: "Washington, DC", country: "US" },
      { street: "1-1 Chiyoda", postalCode: "100-0001", city: "Tokyo", country: "JP" },
    ];
    for (const postalAddress of cases) {
      const res = await patch({ postalAddress });
      expect(res.status, JSON.stringify(postalAddress)).toBe(200);
      expect(await address()).toEqual({
        ...postalAddress,
        postalCode: postalAddress.postalCode.toUpperCase(),
        country: postalAddress.country.toUpperCase(),
      });
    }
  });

  it("refuses a wrong Finnish code and a Swiss code of five digits, naming the form, and changes nothing", async () => {
    const before = await address();
    const cases = [
      [{ street: "Katu 1", postalCode: "2038", city: "Turku", country: "FI" }, "postal_code_invalid"],
      [{ street: "Bahnhofstrasse 1", postalCode: "80011", city: "Zürich", country: "CH" }, "postal_code_four_digits"],
      [{ street: "1 Main St", postalCode: "SW1A 1AA", city: "Springfield", country: "US" }, "postal_code_form_us"],
      [{ street: "1-1 Chiyoda", postalCode: "x".repeat(21), city: "Tokyo", country: "JP" }, "postal_code_too_long"],
    ] as const;
    for (const [postalAddress, code] of cases) {
      const res = await patch({ postalAddress });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code, fields: [{ path: "postalAddress.postalCode", code }] },
      });
    }
    expect(await address()).toEqual(before);
  });
});
