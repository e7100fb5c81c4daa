import { describe, expect, it } from "vitest";
import { demoNotice } from "../register/notice-fixture.ts";
import {
  automaticDisclosures,
  canonicalCategories,
  disclosureDayProblem,
  disclosureMoment,
  mailingListCategories,
  purposeLegalBasis,
} from "./disclosures.ts";

describe("the disclosure log's rules", () => {
  it("takes the legal basis of an automatic disclosure from the register description's purpose", () => {
    // The notice states a contract for every purpose.
    expect(purposeLegalBasis(demoNotice, automaticDisclosures.webhook.purposeId)).toBe("contract");
    expect(purposeLegalBasis(demoNotice, automaticDisclosures.mailing_list.purposeId)).toBe("contract");
    expect(purposeLegalBasis(demoNotice, "no-such-purpose")).toBe("contract");
  });

  it("lists a mailing-list line's categories by what the line carries", () => {
    const full = { street: "Katu 1", postalCode: "20100", city: "Turku", country: "FI", email: "a@example.com" };
    expect(mailingListCategories(full)).toEqual(["name", "email", "postalAddress"]);
    expect(mailingListCategories({ ...full, email: null })).toEqual(["name", "postalAddress"]);
    expect(mailingListCategories({ street: null, postalCode: null, city: null, country: null, email: null })).toEqual([
      "name",
    ]);
  });

  it("orders categories as the register does, each once, and drops unknown ones", () => {
    expect(canonicalCategories(["billing", "name", "billing", "nonsense"])).toEqual(["name", "billing"]);
  });

  it("refuses a day in the future or before the customer existed", () => {
    const customer = { relationshipStart: "2020-05-01", createdOn: "2024-01-10" };
    expect(disclosureDayProblem("2026-11-26", "2026-11-25", customer)).toBe("disclosure_day_in_future");
    expect(disclosureDayProblem("2020-04-30", "2026-11-25", customer)).toBe("disclosure_day_before_customer");
    // The earlier of the start and the day the register got them counts: an imported customer's older start.
    expect(disclosureDayProblem("2020-05-01", "2026-11-25", customer)).toBeNull();
    expect(disclosureDayProblem("2026-11-25", "2026-11-25", customer)).toBeNull();
    expect(
      disclosureDayProblem("2024-01-09", "2026-11-25", { relationshipStart: "2024-02-01", createdOn: "2024-01-10" }),
    ).toBe("disclosure_day_before_customer");
  });

  it("logs today's disclosure now and a past day's at noon UTC, the same day in Finland", () => {
    const now = Date.UTC(2026, 10, 25, 21, 30);
    expect(disclosureMoment("2026-11-25", "2026-11-25", now)).toBe(now);
    expect(new Date(disclosureMoment("2026-03-29", "2026-11-25", now)).toISOString()).toBe("2026-03-29T12:00:00.000Z");
  });
});
