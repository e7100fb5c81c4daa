import { describe, expect, it } from "vitest";
import { partiesToNotify } from "./notification-parties.ts";

describe("partiesToNotify (Art. 19)", () => {
  it("names the update service a wrong name came from, not the customer's own registration", () => {
    const parties = partiesToNotify("lastName", [
      { category: "name", source: "registration" },
      { category: "name", source: "updateService" },
      { category: "email", source: "subcontractor" },
    ]);
    expect(parties.filter((p) => p.kind === "source").map((p) => p.id)).toEqual(["updateService"]);
  });

  it("names the financial-administration partner for billing data, and never the controller's own staff", () => {
    const parties = partiesToNotify("billingAddress", []);
    expect(parties.map((p) => p.id)).toContain("financialAdministrationPartner");
    expect(parties.map((p) => p.id)).not.toContain("controllerStaff");
  });

  it("lists each source once", () => {
    const parties = partiesToNotify("firstName", [
      { category: "name", source: "updateService" },
      { category: "name", source: "updateService" },
    ]);
    expect(parties.filter((p) => p.id === "updateService")).toHaveLength(1);
  });
});
